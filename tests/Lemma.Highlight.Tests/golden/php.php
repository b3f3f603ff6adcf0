<?php

declare(strict_types=1);

namespace App\Http\Controllers;

use App\Models\Post;
use Illuminate\Http\Request;

final class PostController extends Controller
{
    public function __construct(private readonly int $perPage = 20) {}

    /** List published posts, newest first. */
    public function index(Request $request): array
    {
        $tag = $request->query('tag');
        $posts = Post::query()
            ->where('published', true)
            ->when($tag, fn ($q) => $q->whereJsonContains('tags', $tag))
            ->orderByDesc('published_at')
            ->paginate($this->perPage);

        return ['posts' => $posts, 'title' => "Posts tagged {$tag}"];
    }
}
