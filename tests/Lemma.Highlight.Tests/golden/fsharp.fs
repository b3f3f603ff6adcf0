module Stats

open System

/// Welford's online mean and variance.
type Running = { Count: int; Mean: float; M2: float }

let empty = { Count = 0; Mean = 0.0; M2 = 0.0 }

let push (r: Running) (x: float) =
    let n = r.Count + 1
    let delta = x - r.Mean
    let mean = r.Mean + delta / float n
    { Count = n; Mean = mean; M2 = r.M2 + delta * (x - mean) }

let variance r = if r.Count < 2 then nan else r.M2 / float (r.Count - 1)

[<EntryPoint>]
let main argv =
    let r = argv |> Array.map float |> Array.fold push empty
    printfn "n=%d mean=%.3f var=%.3f" r.Count r.Mean (variance r)
    0
