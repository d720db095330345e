"""The load harness's checks and its table: figures, ratios to the ceiling, targets."""

import collections
import math

BROADCAST_INTERVAL_MS = 250


def row_check(before: collections.Counter, after: collections.Counter, stored: list) -> dict:
    """Compare the rows a scenario added with the values its acks reported stored."""
    expected = before + collections.Counter(stored)
    added = sum(after.values()) - sum(before.values())
    return {
        "phones_acked": len(stored),
        "rows_added": added,
        # An acked value with no row holding it is lost, whether its row is missing or wrong.
        "lost": sum((expected - after).values()),
        "doubled": max(0, added - len(stored)),
    }


def brief(result: dict) -> str:
    """One line of the figures that matter most, printed as each scenario ends."""
    keys = (
        "acks_per_s", "p99_ms", "last_ack_s", "projector_lag_p99_ms", "all_resent_s",
        "last_phone_s", "connect_per_s", "server_peak_rss_mb", "errors", "lost", "doubled",
        "client_cpu_share", "server_cpu_share", "quiet_p99_ms", "flooded_p99_ms",
    )  # fmt: skip
    return ", ".join(f"{k}={result[k]}" for k in keys if k in result)


def _ratio(a, b):
    if a is None or b is None or not b or (isinstance(b, float) and math.isnan(b)):
        return None
    return round(a / b, 2)


def _row(name, facilitator, ceiling, unit, target=None, higher_is_better=False, limit=None):
    ratio = _ratio(facilitator, ceiling)
    met = None
    if limit is not None and ratio is not None:
        met = ratio >= limit if higher_is_better else ratio <= limit
    return {
        "scenario": name,
        "facilitator": facilitator,
        "ceiling": ceiling,
        "unit": unit,
        "ratio": ratio,
        "target": target,
        "met": met,
    }


def table(f: dict, sizes: dict) -> list[dict]:
    """The rows of the summary table, from whatever scenarios ran."""
    rows = []

    def get(key, field):
        return f.get(key, {}).get(field)

    for mode in ("eventlet", "gevent"):
        if f"{mode}.closed.facilitator" in f:
            rows.append(_row(
                f"closed loop, {sizes['loop_phones']} phones ({mode}): changed answers acked",
                get(f"{mode}.closed.facilitator", "acks_per_s"),
                get(f"{mode}.closed.ceiling", "acks_per_s"), "/s", "≥ 0.6 E", True, 0.6,
            ))  # fmt: skip
    for share in (0.3, 0.6, 1.0):
        key = f"open.{share}"
        if f"{key}.facilitator" in f:
            limit = 2.0 if share == 0.3 else None
            rows.append(_row(
                f"open loop at {share} E ({get(key + '.facilitator', 'offered_per_s')}/s): ack p99",
                get(f"{key}.facilitator", "p99_ms"), get(f"{key}.ceiling", "p99_ms"), "ms",
                "≤ 2x ceiling" if limit else None, False, limit,
            ))  # fmt: skip
    if "open.0.3.facilitator" in f:
        lag = get("open.0.3.facilitator", "projector_lag_p99_ms")
        rows.append({
            "scenario": "open loop at 0.3 E: projector lag p99 (ack → screen update)",
            "facilitator": lag, "ceiling": None, "unit": "ms", "ratio": None,
            "target": f"≤ {BROADCAST_INTERVAL_MS + 100} ms",
            "met": lag is not None and lag <= BROADCAST_INTERVAL_MS + 100,
        })  # fmt: skip
    if "burst.facilitator" in f:
        rows.append(_row(
            f"burst, {sizes['burst']} phones at once: last ack",
            get("burst.facilitator", "last_ack_s"), get("burst.ceiling", "last_ack_s"), "s",
            "≤ 1.5x ceiling", False, 1.5,
        ))  # fmt: skip
        rows.append({
            "scenario": "burst: projector lag p99",
            "facilitator": get("burst.facilitator", "projector_lag_p99_ms"), "ceiling": None,
            "unit": "ms", "ratio": None, "target": None, "met": None,
        })  # fmt: skip
    if "held.facilitator" in f:
        n = sizes["held"]
        rows.append(_row(
            f"{n} phones held: peak RSS", get("held.facilitator", "server_peak_rss_mb"),
            get("held.ceiling", "server_peak_rss_mb"), "MB", "≤ 1.2x ceiling", False, 1.2,
        ))  # fmt: skip
        rows.append(_row(
            f"{n} phones: connect rate", get("held.facilitator", "connect_per_s"),
            get("held.ceiling", "connect_per_s"), "/s", "≥ 0.5x ceiling", True, 0.5,
        ))  # fmt: skip
        rows.append(_row(
            f"{n} phones: one answer each, all acked", get("held.facilitator", "all_acked_s"),
            get("held.ceiling", "all_acked_s"), "s",
        ))  # fmt: skip
    if "storm.facilitator" in f:
        rows.append(_row(
            f"reconnect storm, {sizes['storm']} phones: back and outbox acked",
            get("storm.facilitator", "all_resent_s"), get("storm.ceiling", "all_resent_s"), "s",
        ))  # fmt: skip
    if "reveal.facilitator" in f:
        rows.append(_row(
            f"reveal to {sizes['reveal']} phones: last phone has it",
            get("reveal.facilitator", "last_phone_s"), get("reveal.ceiling", "last_phone_s"),
            "s", "≤ 1.5x bare emit", False, 1.5,
        ))  # fmt: skip
    if "flood" in f:
        rows.append(_row(
            f"one flooding phone beside {sizes['flood']}: honest ack p99 with / without",
            f["flood"]["flooded_p99_ms"], f["flood"]["quiet_p99_ms"], "ms", "≤ 2x", False, 2.0,
        ))  # fmt: skip
    if "scale.two" in f:
        rows.append(_row(
            "scale-out: 2 workers behind nginx / 1 worker (PostgreSQL + Redis), acked",
            get("scale.two", "acks_per_s"), get("scale.one", "acks_per_s"), "/s",
        ))  # fmt: skip
    if "scale.burst" in f:
        rows.append({
            "scenario": f"scale-out burst, {sizes['burst']} phones: projector lag p99, "
            "worst of one projector per worker",
            "facilitator": get("scale.burst", "projector_lag_p99_ms"), "ceiling": None,
            "unit": "ms", "ratio": None, "target": None, "met": None,
        })  # fmt: skip
    checked = [v for v in f.values() if isinstance(v, dict) and "lost" in v]
    rows.append({
        "scenario": f"rows checked after {len(checked)} runs: lost / doubled",
        "facilitator": f"{sum(v['lost'] for v in checked)} / {sum(v['doubled'] for v in checked)}",
        "ceiling": None, "unit": "", "ratio": None, "target": "0 / 0",
        "met": all(v["lost"] == 0 and v["doubled"] == 0 for v in checked),
    })  # fmt: skip
    shares = [
        v["client_cpu_share"] for v in f.values() if isinstance(v, dict) and "client_cpu_share" in v
    ]
    rows.append({
        "scenario": "client CPU share of its core (max over runs)",
        "facilitator": max(shares, default=None), "ceiling": None, "unit": "",
        "ratio": None, "target": None, "met": None,
    })  # fmt: skip
    return rows


def render(rows: list[dict]) -> str:
    """The table as aligned text."""

    def cell(value):
        return "—" if value is None else str(value)

    width = max(len(r["scenario"]) for r in rows)
    lines = [
        f"{'scenario':<{width}}  {'Facilitator':>12}  {'ceiling':>9}  {'unit':<4}  "
        f"{'ratio':>6}  {'target':<16}  met"
    ]
    for r in rows:
        met = {True: "yes", False: "NO", None: ""}[r["met"]]
        lines.append(
            f"{r['scenario']:<{width}}  {cell(r['facilitator']):>12}  {cell(r['ceiling']):>9}  "
            f"{r['unit']:<4}  {cell(r['ratio']):>6}  {cell(r['target']):<16}  {met}"
        )
    return "\n".join(lines)
