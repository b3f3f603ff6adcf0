package com.example.blog

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map

/** A post as the API returns it. */
data class Post(val slug: String, val title: String, val tags: List<String> = emptyList())

sealed interface LoadState {
    object Loading : LoadState
    data class Loaded(val posts: List<Post>) : LoadState
    data class Failed(val error: Throwable) : LoadState
}

class PostRepository(private val api: BlogApi, private val pageSize: Int = 20) {
    @Throws(java.io.IOException::class)
    suspend fun page(n: Int): List<Post> = api.posts(offset = n * pageSize, limit = pageSize)

    fun byTag(tag: String): Flow<LoadState> = api.stream()
        .map { all -> LoadState.Loaded(all.filter { tag in it.tags }) }

    companion object {
        const val MAX_TAGS = 6
        fun slugify(title: String) = title.lowercase().replace(Regex("[^a-z0-9]+"), "-").trim('-')
    }
}

fun main() {
    val post = Post("hello", "Hello, world", listOf("kotlin"))
    println("${post.title} has ${post.tags.size} tag(s)\n")
}
