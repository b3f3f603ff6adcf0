#include <algorithm>
#include <memory>
#include <string>

struct Node {
    std::string name;
    std::vector<std::unique_ptr<Node>> children;
};

static int depth(const Node& node) {
    int best = 0;
    for (const auto& child : node.children) {
        best = std::max(best, depth(*child));
    }
    return best + 1;
}

int main() {
    auto root = std::make_unique<Node>();
    root->name = "root";
    root->children.push_back(std::make_unique<Node>(Node{"leaf", {}}));
    std::cout << "depth: " << depth(*root) << '\n';
    return root ? 0 : 1;
}
