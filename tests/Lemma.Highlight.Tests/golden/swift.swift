import Foundation

struct Post: Codable, Identifiable {
    let id: UUID
    var title: String
    var tags: [String] = []
    var publishedAt: Date?

    var isDraft: Bool { publishedAt == nil }
}

enum FeedError: Error {
    case badStatus(Int)
}

actor FeedClient {
    private let base = URL(string: "https://example.com/api")!

    func posts(tag: String? = nil) async throws -> [Post] {
        var url = base.appendingPathComponent("posts")
        if let tag { url.append(queryItems: [URLQueryItem(name: "tag", value: tag)]) }
        let (data, response) = try await URLSession.shared.data(from: url)
        guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
            throw FeedError.badStatus((response as? HTTPURLResponse)?.statusCode ?? -1)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([Post].self, from: data).filter { !$0.isDraft }
    }
}
