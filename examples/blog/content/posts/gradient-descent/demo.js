// Gradient descent, momentum and Adam on a rotated quadratic bowl, drawn on a canvas.
// f(p) = 1/2 p^T A p with A = R diag(1, kappa) R^T. Click the plot to choose a starting point.
(function () {
  "use strict";
  const canvas = document.getElementById("gd-canvas");
  if (!canvas || !canvas.getContext) return;
  const ctx = canvas.getContext("2d");
  const method = document.getElementById("gd-method");
  const lrInput = document.getElementById("gd-lr");
  const lrOut = document.getElementById("gd-lr-value");
  const status = document.getElementById("gd-status");

  const kappa = 10, angle = Math.PI / 6, steps = 60;
  const c = Math.cos(angle), s = Math.sin(angle);
  // A = R diag(1, kappa) R^T, written out.
  const a11 = c * c + kappa * s * s, a12 = (1 - kappa) * c * s, a22 = s * s + kappa * c * c;
  const f = (x, y) => 0.5 * (a11 * x * x + 2 * a12 * x * y + a22 * y * y);
  const grad = (x, y) => [a11 * x + a12 * y, a12 * x + a22 * y];

  const world = { xmin: -3, xmax: 3, ymin: -2, ymax: 2 };
  let start = [-2.6, 1.2];

  const toCanvas = (x, y) => [
    ((x - world.xmin) / (world.xmax - world.xmin)) * canvas.width,
    ((world.ymax - y) / (world.ymax - world.ymin)) * canvas.height,
  ];
  const toWorld = (px, py) => [
    world.xmin + (px / canvas.width) * (world.xmax - world.xmin),
    world.ymax - (py / canvas.height) * (world.ymax - world.ymin),
  ];

  function run(kind, lr) {
    let [x, y] = start, vx = 0, vy = 0, mx = 0, my = 0, sx = 0, sy = 0;
    const path = [[x, y]];
    const b1 = 0.9, b2 = 0.999, eps = 1e-8, mu = 0.9;
    for (let t = 1; t <= steps; t++) {
      const [gx, gy] = grad(x, y);
      if (kind === "gd") {
        x -= lr * gx; y -= lr * gy;
      } else if (kind === "momentum") {
        vx = mu * vx - lr * gx; vy = mu * vy - lr * gy;
        x += vx; y += vy;
      } else {
        mx = b1 * mx + (1 - b1) * gx; my = b1 * my + (1 - b1) * gy;
        sx = b2 * sx + (1 - b2) * gx * gx; sy = b2 * sy + (1 - b2) * gy * gy;
        const mhx = mx / (1 - Math.pow(b1, t)), mhy = my / (1 - Math.pow(b1, t));
        const shx = sx / (1 - Math.pow(b2, t)), shy = sy / (1 - Math.pow(b2, t));
        x -= (lr * mhx) / (Math.sqrt(shx) + eps); y -= (lr * mhy) / (Math.sqrt(shy) + eps);
      }
      path.push([x, y]);
      if (!isFinite(x) || !isFinite(y) || Math.abs(x) > 1e6 || Math.abs(y) > 1e6) break;
    }
    return path;
  }

  function draw() {
    const style = getComputedStyle(canvas);
    const ink = style.color || "#222";
    const accent = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim() || "#d9730d";
    const [ox, oy] = toCanvas(0, 0);
    const scale = canvas.width / (world.xmax - world.xmin);
    ctx.clearRect(0, 0, canvas.width, canvas.height);

    // Level sets f = level are ellipses with semi-axes sqrt(2 level) and sqrt(2 level / kappa).
    ctx.strokeStyle = ink;
    ctx.globalAlpha = 0.35;
    ctx.lineWidth = 1;
    for (const level of [0.05, 0.2, 0.5, 1, 2, 4, 8, 16]) {
      ctx.beginPath();
      ctx.ellipse(ox, oy, Math.sqrt(2 * level) * scale, Math.sqrt((2 * level) / kappa) * scale, -angle, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;

    const kind = method.value, lr = Number(lrInput.value);
    const path = run(kind, lr);
    ctx.strokeStyle = accent;
    ctx.fillStyle = accent;
    ctx.lineWidth = 2;
    ctx.beginPath();
    path.forEach(([x, y], i) => {
      const [px, py] = toCanvas(x, y);
      if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
    });
    ctx.stroke();
    for (const [x, y] of path) {
      const [px, py] = toCanvas(x, y);
      ctx.beginPath();
      ctx.arc(px, py, 2.5, 0, 2 * Math.PI);
      ctx.fill();
    }

    const [lx, ly] = path[path.length - 1];
    const value = f(lx, ly);
    const diverged = !isFinite(value) || value > 1e6;
    lrOut.value = lr.toFixed(3);
    status.textContent = diverged
      ? `Diverged: a learning rate of ${lr.toFixed(3)} is above 2/λmax = ${(2 / kappa).toFixed(3)} for this bowl.`
      : `After ${path.length - 1} steps, f = ${value.toExponential(2)} (it started at ${f(...start).toFixed(2)}).`;
  }

  canvas.addEventListener("click", (event) => {
    const rect = canvas.getBoundingClientRect();
    const px = ((event.clientX - rect.left) / rect.width) * canvas.width;
    const py = ((event.clientY - rect.top) / rect.height) * canvas.height;
    start = toWorld(px, py);
    draw();
  });
  method.addEventListener("change", draw);
  lrInput.addEventListener("input", draw);
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", draw);
  new MutationObserver(draw).observe(document.documentElement, { attributes: true });
  draw();
})();
