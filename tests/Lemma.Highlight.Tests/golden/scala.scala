package blog

import scala.concurrent.{ExecutionContext, Future}

final case class Post(slug: String, title: String, tags: Set[String], draft: Boolean = false)

trait PostStore:
  def all(): Future[Seq[Post]]

object Feed:
  val MaxItems = 20

  /** The newest published posts with a tag, as (slug, title). */
  def forTag(store: PostStore, tag: String)(using ec: ExecutionContext): Future[Seq[(String, String)]] =
    store.all().map { posts =>
      posts
        .filterNot(_.draft)
        .filter(_.tags.contains(tag))
        .take(MaxItems)
        .map(p => p.slug -> p.title)
    }

  def describe(p: Post): String = p match
    case Post(_, title, tags, true)             => s"draft: $title"
    case Post(_, title, tags, _) if tags.isEmpty => s"$title (untagged)"
    case Post(_, title, tags, _)                => f"$title%-30s ${tags.size}%2d tags"
