const std = @import("std");

/// Counts the lines of a file given on the command line.
pub fn main() !void {
    var gpa = std.heap.GeneralPurposeAllocator(.{}){};
    defer _ = gpa.deinit();
    const allocator = gpa.allocator();

    const args = try std.process.argsAlloc(allocator);
    defer std.process.argsFree(allocator, args);
    if (args.len < 2) {
        std.debug.print("usage: {s} FILE\n", .{args[0]});
        return error.MissingArgument;
    }

    const file = try std.fs.cwd().openFile(args[1], .{});
    defer file.close();
    const data = try file.readToEndAlloc(allocator, 1 << 30);
    defer allocator.free(data);

    var lines: usize = 0;
    for (data) |byte| {
        if (byte == '\n') lines += 1;
    }
    const help =
        \\lines counted
        \\by newline bytes
    ;
    std.debug.print("{d} {s}\n", .{ lines, help });
}

test "empty input has no lines" {
    try std.testing.expectEqual(@as(usize, 0), std.mem.count(u8, "", "\n"));
}
