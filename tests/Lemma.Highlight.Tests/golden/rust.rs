use std::collections::HashMap;
use std::sync::mpsc;

/// A tokenizer over borrowed input.
#[derive(Debug, Clone)]
pub struct Lexer<'a> {
    input: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(input: &'a str) -> Self {
        Self { input, pos: 0 }
    }

    fn next_char(&mut self) -> Option<char> {
        let c = self.input[self.pos..].chars().next()?;
        self.pos += c.len_utf8();
        Some(c)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    let raw = r#"raw "quoted" string"#;
    let bytes = b"bytes\n";
    let x = 1_000u32 as f64 * 0.5;
    println!("{} {:?} {raw}", x, counts);
    let v = vec![1, 2, 3];
    match v.len() {
        0 => println!("empty"),
        n if n > 2 => println!("many"),
        _ => {}
    }
    let lifetime: &'static str = "static";
    let ch = '\n';
    const MAX_LEN: usize = 64;
    Ok(())
}
