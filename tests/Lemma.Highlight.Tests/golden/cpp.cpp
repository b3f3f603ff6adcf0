#include <vector>
#include "tensor.h"
#define CHECK(x) assert(x)
#pragma once

namespace ml {

template <typename T, int N = 4>
class Buffer : public Base<T> {
 public:
    static constexpr std::size_t kSize = 1'000'000;
    explicit Buffer(const std::vector<T>& values) noexcept : data_(values) {}
    T sum() const { return std::accumulate(data_.begin(), data_.end(), T{}); }
 private:
    std::vector<T> data_;  // storage
};

}  // namespace ml

int main(int argc, char** argv) {
    auto json = R"json({"key": "value\n"})json";
    const char* fmt = "%d items, %.2f%%\n";
    char c = '\'';
    unsigned long mask = 0xFFul;
    double eps = 1.5e-8;
    if (argc > 1 && argv != nullptr) {
        std::printf(fmt, argc, 3.14);
    }
    for (int i = 0; i < 10; ++i) { values.push_back(i * 2); }
    return 0;
}
