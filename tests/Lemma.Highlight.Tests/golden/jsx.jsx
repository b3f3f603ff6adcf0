import { useEffect, useState } from "react";

export default function PostList({ tag, limit = 10 }) {
  const [posts, setPosts] = useState([]);
  const [error, setError] = useState(null);

  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/posts?tag=${encodeURIComponent(tag)}`, { signal: controller.signal })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.statusText))))
      .then((data) => setPosts(data.slice(0, limit)))
      .catch((e) => e.name !== "AbortError" && setError(e));
    return () => controller.abort();
  }, [tag, limit]);

  if (error) return <p className="error">{error.message}</p>;
  return (
    <ul className="posts">
      {posts.map((p) => (
        <li key={p.slug}>
          <a href={`/posts/${p.slug}/`}>{p.title}</a>
        </li>
      ))}
    </ul>
  );
}
