"""Plots docs/images/engine-restart.png from the CSV files EngineRestartTimeline writes (see README.md)."""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

directory = sys.argv[1] if len(sys.argv) > 1 else "engine-restart"
states = list(csv.DictReader(open(f"{directory}/states.csv")))
calls = list(csv.DictReader(open(f"{directory}/calls.csv")))
levels = {"UP": 2, "OUT_OF_SERVICE": 1, "DOWN": 0}

fig, (health, timeline) = plt.subplots(2, 1, figsize=(9, 5.2), sharex=True, gridspec_kw={"height_ratios": [1, 2.4]})
seconds = [int(s["ms"]) / 1000 for s in states]
health.step(seconds, [levels[s["health"]] for s in states], where="post", color="#1f5fa8", linewidth=2)
health.set_yticks([0, 1, 2], ["DOWN", "OUT_OF_SERVICE", "UP"])
health.set_ylim(-0.3, 2.4)
health.set_title("iii health of a worker while the engine restarts", loc="left", fontsize=11)

for index, call in enumerate(calls):
    start, end = int(call["start_ms"]) / 1000, int(call["end_ms"]) / 1000
    ok = call["outcome"] == "success"
    timeline.plot([start, max(end, start + 0.01)], [index, index], color="#2e8b57" if ok else "#c0392b", linewidth=1.4)
timeline.set_ylabel("calls, one every 50 ms")
timeline.set_xlabel("seconds")
failed = sum(1 for c in calls if c["outcome"] != "success")
waited = sum(1 for c in calls if int(c["end_ms"]) - int(c["start_ms"]) > 200)
timeline.set_title(f"{len(calls)} calls: {len(calls) - failed} answered ({waited} waited for the engine), {failed} failed",
                   loc="left", fontsize=10)
for axis in (health, timeline):
    axis.axvline(3.0, color="grey", linestyle="--", linewidth=1)
    axis.axvline(6.0, color="grey", linestyle="--", linewidth=1)
health.text(3.05, 2.1, "engine stopped", fontsize=8, color="grey")
health.text(6.05, 2.1, "engine started", fontsize=8, color="grey")
fig.tight_layout()
fig.savefig(f"{directory}.png", dpi=110)
