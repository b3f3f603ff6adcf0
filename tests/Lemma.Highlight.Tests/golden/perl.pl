#!/usr/bin/env perl
use strict;
use warnings;

# Count words per tag in a folder of Markdown posts.
my %words;
my $dir = shift // 'content/posts';
opendir(my $dh, $dir) or die "cannot open $dir: $!";
for my $file (grep { /\.md$/ } readdir $dh) {
    open(my $fh, '<', "$dir/$file") or next;
    local $/;
    my $text = <$fh>;
    my ($front) = $text =~ /\A---\n(.*?)\n---\n/s;
    my @tags = $front =~ /^\s*-\s*(\S+)$/mg;
    my $count = () = $text =~ /\b\w+\b/g;
    $words{$_} += $count for @tags;
}
closedir $dh;

printf "%-20s %8d\n", $_, $words{$_} for sort { $words{$b} <=> $words{$a} } keys %words;
