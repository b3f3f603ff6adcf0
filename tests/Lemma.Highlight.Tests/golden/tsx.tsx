import { useMemo, type ReactNode } from "react";

interface Post {
  slug: string;
  title: string;
  tags: string[];
  date: Date;
}

type Props = { posts: Post[]; children?: ReactNode };

export function TagCloud({ posts, children }: Props): JSX.Element {
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of posts) for (const t of p.tags) m.set(t, (m.get(t) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1]);
  }, [posts]);

  return (
    <nav aria-label="Tags">
      {counts.map(([tag, n]) => (
        <a key={tag} href={`/tags/${tag}/`} style={{ fontSize: `${1 + Math.log(n) / 4}rem` }}>
          {tag} <small>({n})</small>
        </a>
      ))}
      {children}
    </nav>
  );
}
