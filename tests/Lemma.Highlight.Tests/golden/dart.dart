import 'dart:convert';
import 'package:http/http.dart' as http;

class Post {
  final String title;
  final List<String> tags;
  final DateTime? published;

  const Post({required this.title, this.tags = const [], this.published});

  factory Post.fromJson(Map<String, dynamic> json) => Post(
        title: json['title'] as String,
        tags: List<String>.from(json['tags'] ?? []),
        published: DateTime.tryParse(json['published'] ?? ''),
      );

  bool get isDraft => published == null;
}

Future<List<Post>> fetchPosts(Uri base) async {
  final response = await http.get(base.resolve('/api/posts'));
  if (response.statusCode != 200) {
    throw Exception('HTTP ${response.statusCode}');
  }
  final list = jsonDecode(response.body) as List<dynamic>;
  return list.map((e) => Post.fromJson(e)).where((p) => !p.isDraft).toList();
}
