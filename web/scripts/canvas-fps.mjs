/**
 * Canvas frame rate in Chromium: `node scripts/canvas-fps.mjs --url http://127.0.0.1:PORT [--layers 20]
 * [--size 4096] [--rounds 2]` against a running `impasto serve` (web UI built). For each document (empty,
 * then `layers` raster layers of `size`² painted pixels each) it opens the Canvas tab and records
 * requestAnimationFrame timestamps while the mouse paints strokes, pans and zooms; prints JSON with the
 * frames per second and the longest frame of each phase. `python -m bench --cases canvas` runs it.
 */
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    layers: { type: "string", default: "20" },
    size: { type: "string", default: "4096" },
    rounds: { type: "string", default: "2" },
    screenshot: { type: "string" },
    chromium: { type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
});
if (!values.url) throw new Error("--url is required: the address of a running impasto serve");
const LAYERS = Number(values.layers);
const SIZE = Number(values.size);

async function api(path, init = {}) {
  const response = await fetch(`${values.url}${path}`, {
    method: init.method ?? "GET",
    headers: init.body ? { "content-type": "application/json" } : {},
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** A `size`² PNG of translucent brush strokes (made and stored by the page), as paint for every layer. */
async function storePainting(page, size) {
  return page.evaluate(async (size) => {
    const canvas = document.createElement("canvas");
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext("2d");
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    context.lineCap = "round";
    for (let i = 0; i < 400; i += 1) {
      context.strokeStyle = `hsla(${Math.floor(random() * 360)}, 70%, 50%, 0.6)`;
      context.lineWidth = 8 + random() * 120;
      context.beginPath();
      context.moveTo(random() * size, random() * size);
      for (let j = 0; j < 4; j += 1) context.lineTo(random() * size, random() * size);
      context.stroke();
    }
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
    const form = new FormData();
    form.append("file", new File([blob], "paint.png", { type: "image/png" }));
    form.append("category", "general");
    form.append("intermediate", "true");
    const response = await fetch("/api/v1/images/upload", { method: "POST", body: form });
    return (await response.json()).image_name;
  }, size);
}

function layer(index, image, size) {
  const bitmap = image ? { image_name: image, x: 0, y: 0, width: size, height: size } : null;
  const base = { id: `bench-${index}`, name: `Raster ${index + 1}`, visible: true, locked: false };
  return { ...base, opacity: 1, x: 0, y: 0, bitmap, kind: "raster" };
}

async function putDocument(layers) {
  const selectedLayerId = layers.at(-1)?.id ?? null;
  const body = { version: 1, bbox: { x: 0, y: 0 }, layers, selectedLayerId, referenceImages: [] };
  await api("/api/v1/canvas/default", { method: "PUT", body });
}

/** Opens the Canvas tab and waits until every layer's pixels are on the stage. */
async function openCanvas(browser, layers) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, baseURL: values.url });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByTestId("tab-canvas").click();
  await page.getByTestId("canvas-stage").waitFor({ timeout: 120_000 });
  if (layers === 0) {
    const close = page.getByTestId("launchpad-text");
    await close.waitFor({ timeout: 10_000 }).catch(() => undefined);
    if (await close.isVisible()) await close.click();
  }
  await page.waitForFunction(
    (n) => document.querySelectorAll("[data-testid=canvas-stage] canvas").length >= n + 3,
    layers,
    { timeout: 180_000 },
  );
  await page.waitForTimeout(layers ? 5000 : 500); // the bitmaps decode and draw
  return page;
}

async function startFrames(page) {
  await page.evaluate(() => {
    window.__frames = [];
    const tick = (time) => {
      window.__frames.push(time);
      window.__frameLoop = requestAnimationFrame(tick);
    };
    window.__frameLoop = requestAnimationFrame(tick);
  });
}

async function stopFrames(page) {
  const frames = await page.evaluate(() => {
    cancelAnimationFrame(window.__frameLoop);
    return window.__frames;
  });
  const gaps = frames.slice(1).map((time, i) => time - frames[i]);
  const seconds = (frames.at(-1) - frames[0]) / 1000;
  return { fps: (frames.length - 1) / seconds, longest_ms: Math.max(...gaps), frames: frames.length, seconds };
}

async function measure(page, phase) {
  await startFrames(page);
  await phase(page);
  return stopFrames(page);
}

async function stageBox(page) {
  const box = await page.getByTestId("canvas-stage").boundingBox();
  return { ...box, cx: box.x + box.width / 2, cy: box.y + box.height / 2 };
}

/** Three brush strokes of 60 pointer moves each across the middle of the stage. */
async function strokes(page) {
  const box = await stageBox(page);
  await page.keyboard.press("b");
  for (let s = 0; s < 3; s += 1) {
    await page.mouse.move(box.cx - 300, box.cy - 100 + s * 80);
    await page.mouse.down();
    for (let i = 1; i <= 60; i += 1) {
      await page.mouse.move(box.cx - 300 + i * 10, box.cy - 100 + s * 80 + Math.sin(i / 5) * 60);
    }
    await page.mouse.up();
  }
}

/** The view tool drags the stage around: 240 pointer moves. */
async function pan(page) {
  const box = await stageBox(page);
  await page.keyboard.press("h");
  await page.mouse.move(box.cx, box.cy);
  await page.mouse.down();
  for (let i = 1; i <= 240; i += 1) {
    await page.mouse.move(box.cx + Math.sin(i / 20) * 300, box.cy + Math.cos(i / 20) * 200);
  }
  await page.mouse.up();
}

/** 30 wheel notches in, then 30 out, over the stage's middle. */
async function zoom(page) {
  const box = await stageBox(page);
  await page.mouse.move(box.cx, box.cy);
  for (let i = 0; i < 60; i += 1) await page.mouse.wheel(0, i < 30 ? -100 : 100);
}

const PHASES = { strokes, pan, zoom };

async function run() {
  const browser = await chromium.launch({
    executablePath: values.chromium,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const results = { layers: LAYERS, size: SIZE, documents: {} };
  try {
    const setup = await browser.newPage({ baseURL: values.url });
    await setup.goto("/");
    const image = await storePainting(setup, SIZE);
    await setup.close();
    for (let round = 0; round < Number(values.rounds); round += 1) {
      for (const [name, count] of [
        ["empty", 0],
        ["layers", LAYERS],
      ]) {
        await putDocument(Array.from({ length: count }, (_, i) => layer(i, image, SIZE)));
        const page = await openCanvas(browser, count);
        const document = (results.documents[name] ??= {});
        for (const [phase, action] of Object.entries(PHASES)) {
          (document[phase] ??= []).push(await measure(page, action));
        }
        if (values.screenshot) await page.screenshot({ path: `${values.screenshot}-${name}.png` });
        await page.context().close();
      }
    }
  } finally {
    await browser.close();
    await api("/api/v1/canvas/default", { method: "DELETE" }).catch(() => undefined);
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

await run();
