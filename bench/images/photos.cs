#:package NetVips@3.2.0
#:package NetVips.Native@8.18.7
// Photo-like test images for bench/images.sh: smooth gradients under fine noise, as JPEG. Run as a file-based app
// (`dotnet run photos.cs -- FOLDER COUNT WIDTH HEIGHT`) from outside the repository: its central package versions do not apply.
using NetVips;
var (folder, count, width, height) = (args[0], int.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3]));
Directory.CreateDirectory(folder);
Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
{
    var random = new Random(i);
    using var xyz = Image.Xyz(width, height);
    using var x = xyz[0];
    using var y = xyz[1];
    var fx = random.NextDouble() * 0.01 + 0.002; var fy = random.NextDouble() * 0.01 + 0.002;
    using var r = (x * fx + y * fy).Sin() * 90 + 120;
    using var g = (x * fy - y * fx * 0.7).Cos() * 70 + 110;
    using var b = ((x - width / 2) * (x - width / 2) + (y - height / 2) * (y - height / 2)).Pow(0.5) * (-200.0 / width) + 200;
    using var noise = Image.Gaussnoise(width, height, sigma: 14);
    using var joined = (r + noise).Bandjoin(g + noise, b + noise).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    joined.Jpegsave(Path.Combine(folder, $"photo-{i:D3}.jpg"), q: 88);
});
