Imports System.IO
Imports System.Linq

Module WordCount
    ' Prints the ten most frequent words of a text file.
    Sub Main(args As String())
        If args.Length = 0 Then
            Console.Error.WriteLine("usage: wordcount FILE")
            Environment.Exit(1)
        End If

        Dim counts As New Dictionary(Of String, Integer)(StringComparer.OrdinalIgnoreCase)
        For Each line In File.ReadLines(args(0))
            For Each word In line.Split({" "c, ","c, "."c}, StringSplitOptions.RemoveEmptyEntries)
                Dim n As Integer = 0
                counts.TryGetValue(word, n)
                counts(word) = n + 1
            Next
        Next

        For Each pair In counts.OrderByDescending(Function(p) p.Value).Take(10)
            Console.WriteLine($"{pair.Key,-20} {pair.Value}")
        Next
    End Sub
End Module
