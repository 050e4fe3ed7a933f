#!/usr/bin/env bash
# Train Impasto's demo model on a lent GPU machine and pack the results into $OUT.
#
# Run from the repository root, with the carried wheels in .whl/:
#     OUT=/path/to/out bash tools/demo_model/gpu_run.sh
# Files written to $OUT (at most 8, each <= 16 MB): train.log, demo_model.tar (the exported pipeline
# folder "demo_model/"), eval.json, eval_grid.png, run.json, ckpt.tar (the most useful checkpoint files
# that fit in 16 MB).
#
# Environment:
#   DEMO_TIME_LIMIT  seconds for the training command itself (default 480); the wheel install, version
#                    print and packing add ~20-30 s on top
#   DEMO_SEED        seed (default 0)
#   DEMO_SMOKE=1     tiny CPU run instead (to test this script anywhere); PYTHON picks the interpreter
#   DEMO_RUN_DIR     run directory (default /tmp/demo_model_run); re-running resumes from it
#   DEMO_SITE        where the wheels are installed (default /tmp/site)
set -uo pipefail

: "${OUT:?set OUT to the output folder}"
PYTHON=${PYTHON:-python3}
TIME_LIMIT=${DEMO_TIME_LIMIT:-480}
SEED=${DEMO_SEED:-0}
RUN_DIR=${DEMO_RUN_DIR:-/tmp/demo_model_run}
SITE=${DEMO_SITE:-/tmp/site}
EXPORT_PARENT=$RUN_DIR/export
MAX_BYTES=16000000

main() {
  local args rc
  if [ "${DEMO_SMOKE:-0}" = 1 ]; then
    args=(--smoke --device cpu)
  else
    args=(--device cuda --time-limit "$TIME_LIMIT")
  fi
  if compgen -G ".whl/*.whl" >/dev/null; then
    "$PYTHON" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
      --target "$SITE" .whl/*.whl || return 1
  fi
  export PYTHONPATH=$SITE:$PWD PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 OMP_WAIT_POLICY=PASSIVE
  nvidia-smi -L || echo "nvidia-smi: not available"
  "$PYTHON" -c 'import sys, torch, diffusers, transformers
print("python", sys.version.split()[0], "| torch", torch.__version__, "| cuda", torch.version.cuda,
      torch.cuda.is_available(), "| diffusers", diffusers.__version__, diffusers.__file__,
      "| transformers", transformers.__version__)' || return 1

  "$PYTHON" -m tools.demo_model all "${args[@]}" --seed "$SEED" \
    --run-dir "$RUN_DIR" --out "$EXPORT_PARENT/demo_model"
  rc=$?
  echo "training command exited with $rc"

  # Pack whatever exists, also after a failure.
  if [ -f "$EXPORT_PARENT/demo_model/model_index.json" ]; then
    tar -C "$EXPORT_PARENT" -cf "$OUT/demo_model.tar" demo_model
  fi
  for f in eval.json eval_grid.png run.json; do
    if [ -f "$RUN_DIR/$f" ]; then cp "$RUN_DIR/$f" "$OUT/$f"; fi
  done
  "$PYTHON" -m tools.demo_model pack-checkpoint --run-dir "$RUN_DIR" --out "$OUT/ckpt.tar" --max-bytes "$MAX_BYTES"
  for f in "$OUT"/*; do
    if [ "$(stat -c %s "$f")" -gt "$MAX_BYTES" ]; then echo "WARNING: $f is over $MAX_BYTES bytes"; fi
  done
  ls -la "$OUT"
  return "$rc"
}

mkdir -p "$OUT" "$RUN_DIR"
main 2>&1 | tee "$OUT/train.log"
exit "${PIPESTATUS[0]}"
