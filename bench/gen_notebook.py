#!/usr/bin/env python3
"""Writes a benchmark notebook: CELLS cells (40% Markdown, 60% code), IMAGES of the code cells with a PNG plot
output, the others with stream, text/plain and text/html (table) outputs. Deterministic. Standard library only.

usage: gen_notebook.py OUT.ipynb [CELLS=100] [IMAGES=20]"""
import base64, json, math, struct, sys, zlib

def png(width, height, seed):
    """A line plot: white background, grey axes, a damped sine in blue. RGB, 8 bits."""
    bg, axis, line = (255, 255, 255), (150, 150, 150), (31, 119, 180)
    rows = [[bg] * width for _ in range(height)]
    for x in range(width):
        rows[height - 20][x] = axis
    for y in range(height):
        rows[y][30] = axis
    for x in range(31, width):
        t = (x - 31) / (width - 31)
        v = math.exp(-3 * t) * math.sin(2 * math.pi * (2 + seed % 5) * t)
        y = int((height - 20) / 2 - v * (height - 60) / 2)
        for dy in (-1, 0, 1):
            rows[max(0, min(height - 1, y + dy))][x] = line
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in rows)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))

def lines(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]

def main():
    out = sys.argv[1]
    cells_n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    images = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    cells, count, code_index = [], 0, 0
    markdown_every = 5  # cells 0, 5, 10... and the one after: 40% Markdown
    code_cells = [i for i in range(cells_n) if not (i % markdown_every in (0, 1) and i > 0)]
    code_cells = code_cells[: cells_n * 6 // 10]
    image_cells = set(code_cells[:: max(1, len(code_cells) // images)][:images]) if images > 0 else set()
    cells.append({"cell_type": "raw", "metadata": {}, "source": lines(
        "---\ntitle: Benchmark notebook\ndate: 2024-01-01\ntags: [bench]\n---")})
    for i in range(cells_n):
        if i not in code_cells:
            cells.append({"cell_type": "markdown", "metadata": {}, "source": lines(
                f"## Step {i}\n\nWe fit the learning rate $\\eta_{{{i}}}$ and compare the loss $L(\\theta) = "
                f"\\frac{{1}}{{n}}\\sum_i \\ell(x_i, y_i)$ against the baseline. See *run {i}* and `config[{i}]`.")})
            continue
        count += 1
        code_index += 1
        source = (f"import numpy as np\nlr = 10 ** np.linspace(-5, -1, {20 + i})\n"
                  f"loss = np.exp(-lr * {i}) + 0.01 * np.random.default_rng({i}).standard_normal(lr.size)\n"
                  f"best = lr[loss.argmin()]\nprint(f\"best lr: {{best:.2e}}\")\nbest")
        outputs = [{"output_type": "stream", "name": "stdout", "text": [f"best lr: {1e-3 * (1 + i % 7):.2e}\n"]}]
        if i in image_cells:
            outputs.append({"output_type": "display_data", "metadata": {}, "data": {
                "image/png": base64.b64encode(png(560, 300, i)).decode("ascii"),
                "text/plain": ["<Figure size 560x300 with 1 Axes>"]}})
        elif code_index % 3 == 0:
            rows = "".join(f"<tr><th>{r}</th><td>{r * 0.1:.2f}</td><td>{1 / (r + 1):.3f}</td></tr>" for r in range(8))
            outputs.append({"output_type": "execute_result", "execution_count": count, "metadata": {}, "data": {
                "text/html": [f"<table class=\"dataframe\"><thead><tr><th></th><th>lr</th><th>loss</th></tr></thead><tbody>{rows}</tbody></table>"],
                "text/plain": ["   lr  loss"]}})
        else:
            outputs.append({"output_type": "execute_result", "execution_count": count, "metadata": {}, "data": {
                "text/plain": [f"np.float64({1e-3 * (1 + i % 7)})"]}})
        cells.append({"cell_type": "code", "execution_count": count, "metadata": {}, "source": lines(source), "outputs": outputs})
    notebook = {"nbformat": 4, "nbformat_minor": 5, "cells": cells, "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}}}
    with open(out, "w") as f:
        json.dump(notebook, f, indent=1)

main()
