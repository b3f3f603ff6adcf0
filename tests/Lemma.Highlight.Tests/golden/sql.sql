-- Ten most active users this year
SELECT u.id, u.name, COUNT(*) AS orders, SUM(o.total) AS spent
FROM users u
LEFT JOIN orders o ON o.user_id = u.id
WHERE o.created_at >= '2024-01-01' AND u.email LIKE '%@example.org'
GROUP BY u.id, u.name
HAVING COUNT(*) > 10 /* at least ten */
ORDER BY spent DESC
LIMIT 10;

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    model VARCHAR(64) NOT NULL,
    loss REAL DEFAULT NULL
);
INSERT INTO runs (id, model) VALUES (1, 'bert''s base');
