#!/usr/bin/env raku
# Word frequencies, the top N.
sub MAIN(Str $file, Int :$top = 10) {
    my %count is default(0);
    for $file.IO.lines -> $line {
        %count{.lc}++ for $line.comb(/\w+/);
    }
    for %count.sort(-*.value).head($top) -> (:$key, :$value) {
        say "$key: $value";
    }
}

class Point {
    has Num $.x = 0e0;
    has Num $.y = 0e0;
    method norm(--> Num) { sqrt($!x ** 2 + $!y ** 2) }
}
