#import <Foundation/Foundation.h>

@interface Post : NSObject
@property (nonatomic, copy) NSString *title;
@property (nonatomic, strong) NSArray<NSString *> *tags;
- (instancetype)initWithTitle:(NSString *)title;
@end

@implementation Post

- (instancetype)initWithTitle:(NSString *)title {
    if ((self = [super init])) {
        _title = [title copy];
        _tags = @[];
    }
    return self;
}

- (NSString *)description {
    return [NSString stringWithFormat:@"<Post %@, %lu tags>", self.title, (unsigned long)self.tags.count];
}

@end

int main(int argc, const char *argv[]) {
    @autoreleasepool {
        Post *post = [[Post alloc] initWithTitle:@"Hello"];
        NSLog(@"%@", post);
    }
    return 0;
}
