#import <Foundation/Foundation.h>
#include <vector>
#include <string>

// Bridges a C++ tokenizer to Objective-C callers.
@interface Tokenizer : NSObject
- (NSArray<NSString *> *)split:(NSString *)text;
@end

@implementation Tokenizer {
    std::vector<std::string> _buffer;
}

- (NSArray<NSString *> *)split:(NSString *)text {
    _buffer.clear();
    std::string s = text.UTF8String;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == ' ') {
            if (i > start) _buffer.emplace_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    NSMutableArray *out = [NSMutableArray arrayWithCapacity:_buffer.size()];
    for (const auto &word : _buffer) [out addObject:@(word.c_str())];
    return out;
}

@end
