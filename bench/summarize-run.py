"""Summarizes bench/run.sh's rows: per system and senders, the median and range over the rounds,
and the bot's ratios to the floor (turns/s and p99, from the medians)."""
import csv
import statistics
import sys

rows_path, title, first_reply_ms, idle_mb, bot_peak_mb, floor_peak_mb = sys.argv[1:7]


def ms(text):
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    raise ValueError(text)


runs = {}
for row in csv.DictReader(open(rows_path)):
    key = (row["system"], int(row["senders"]))
    runs.setdefault(key, []).append((float(row["turns_per_s"]), ms(row["p50"]), ms(row["p99"]), int(row["non2xx"])))

print(title)
print(f"- bot: first reply after start {first_reply_ms} ms, idle RSS {idle_mb} MB, peak RSS {bot_peak_mb} MB; floor: peak RSS {floor_peak_mb} MB")
print()
print("| senders | system | turns/s (median, range) | p50 ms (median) | p99 ms (median, range) | non-2xx |")
print("|---|---|---|---|---|---|")
medians = {}
for (system, senders), values in sorted(runs.items(), key=lambda kv: (kv[0][1], kv[0][0] != "floor")):
    rps = [v[0] for v in values]
    p50 = [v[1] for v in values]
    p99 = [v[2] for v in values]
    medians[(system, senders)] = (statistics.median(rps), statistics.median(p99))
    print(f"| {senders} | {system} | {statistics.median(rps):,.0f} ({min(rps):,.0f}-{max(rps):,.0f}) | "
          f"{statistics.median(p50):.2f} | {statistics.median(p99):.2f} ({min(p99):.2f}-{max(p99):.2f}) | {sum(v[3] for v in values)} |")
print()
print("| senders | bot turns/s / floor's | bot p99 / floor's |")
print("|---|---|---|")
for senders in sorted({s for _, s in medians}):
    if ("bot", senders) in medians and ("floor", senders) in medians:
        bot, floor = medians[("bot", senders)], medians[("floor", senders)]
        print(f"| {senders} | {bot[0] / floor[0]:.2f} | {bot[1] / floor[1]:.2f} |")
