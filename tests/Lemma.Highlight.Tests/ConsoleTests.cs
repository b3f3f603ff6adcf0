using Lemma.Highlight.Lexers;

namespace Lemma.Highlight.Tests;

/// <summary>Which console lines are commands (and how long their prompt is) and which are output.</summary>
public class ConsoleTests
{
    [Theory]
    [InlineData("$ ls -la", 2, false)]
    [InlineData("$", 1, false)]
    [InlineData("# apt-get install curl", 2, false)]
    [InlineData("% brew install uv", 2, false)]
    [InlineData("user@host:~/src$ make", 17, false)]
    [InlineData("root@box:/# id", 12, false)]
    [InlineData("(venv) $ pip list", 9, false)]
    [InlineData("(.venv) me@mac ~ % ls", -1, false)] // blanks inside the prompt: treated as output
    [InlineData(">>> import torch", 4, true)]
    [InlineData("... print(x)", 4, true)]
    [InlineData("total 48", -1, false)]
    [InlineData("drwxr-xr-x 2 me me 4096 .", -1, false)]
    [InlineData("> quoted", -1, false)]
    [InlineData("$HOME is set", -1, false)]
    [InlineData("word$ not a prompt", -1, false)]
    public void Prompts_are_told_from_output(string line, int promptLength, bool python)
    {
        Assert.Equal(promptLength, ConsoleLexer.PromptLength(line, 0, line.Length, out var isPython));
        if (promptLength >= 0) Assert.Equal(python, isPython);
    }

    [Fact]
    public void Prompt_command_and_output_get_their_classes()
    {
        var result = new Highlighter().Highlight("$ echo \"hi\" | wc -c\n3\n$ ls \\\n  -la\ntotal 0", "console");
        Assert.Equal(
        [
            "<span class=\"hl-prompt\">$ </span><span class=\"hl-builtin\">echo</span> <span class=\"hl-string\">&quot;hi&quot;</span> <span class=\"hl-operator\">|</span> wc -c",
            "<span class=\"hl-output\">3</span>",
            "<span class=\"hl-prompt\">$ </span>ls \\",
            "  -la",
            "<span class=\"hl-output\">total 0</span>",
        ], result.Lines);
    }
}
