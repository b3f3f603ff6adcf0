use std::fs::File;
use std::io::{self, BufRead, BufReader};

#[derive(Debug, Default)]
struct Stats { lines: usize, words: usize }

impl Stats {
    fn add(&mut self, line: &str) {
        self.lines += 1;
        self.words += line.split_whitespace().count();
    }
}

fn main() -> io::Result<()> {
    let path = std::env::args().nth(1).expect("usage: wc FILE");
    let reader = BufReader::new(File::open(&path)?);
    let mut stats = Stats::default();
    for line in reader.lines() {
        stats.add(&line?);
    }
    let ratio = if stats.lines > 0 { stats.words as f64 / stats.lines as f64 } else { 0.0 };
    eprintln!("{}: {} lines, {} words ({ratio:.2}/line)", path, stats.lines, stats.words);
    Ok(())
}
