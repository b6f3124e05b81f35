#!/usr/bin/env python3
"""Expected `read` output of a step list (what an ideal store holds), independent of both implementations.

usage: oracle.py "write 300 1000 8; purge 150; ..."   (an optional R:/J: prefix on a step names who runs it)

Project overlay (timevault-raft interop/overlay/oracle.py) over the shared oracle; what it adds:
  * options after the numbers of `write` / `create`: plugin=jsonl|jsonl_struct and logical_purge=true|false.
    A jsonl_struct record k is {"name":"value-k","timestamp":k,"value":k} (the struct's fields and the key, in the
    key order serde_json writes); a jsonl record stays {"payload":"value-k","timestamp":k}.
  * logical_purge=true: purge only records the purge point; every record stays readable (spec §3.9 step 3).
  * a step `R:purge k` with k below the current purge point sets last_purge_id to k: timevault-rs's purge writes
    the cutoff unconditionally (spec §3.9 step 2, §7.16). Records purged before stay purged.
"""
import sys

DEFAULT_MAX_BYTES, DEFAULT_IDX = 256_000_000, 128
PLUGINS = ("jsonl", "jsonl_struct")


def rec(k, plugin):
    if plugin == "jsonl_struct":
        return '{"name":"value-%d","timestamp":%d,"value":%d}' % (k, k, k)
    return '{"payload":"value-%d","timestamp":%d}' % (k, k)


def options(tokens, step):
    """The numbers, then the key=value options, of a step's arguments."""
    nums, opts = [], {"plugin": "jsonl", "logical_purge": "false"}
    for i, t in enumerate(tokens):
        if "=" not in t:
            if i > len(nums):
                sys.exit("numbers must come before the options in step " + step)
            nums.append(int(t))
            continue
        k, v = t.split("=", 1)
        if (k, v) not in [("plugin", p) for p in PLUGINS] + [("logical_purge", b) for b in ("true", "false")]:
            sys.exit("bad option %s in step %s" % (t, step))
        opts[k] = v
    return nums, opts


def main():
    keys, purge_id, cfg, plugin, logical = [], None, None, "jsonl", False
    for step in sys.argv[1].split(";"):
        f = step.strip().split()
        if not f:
            continue
        who = None
        if ":" in f[0]:
            who, f[0] = f[0].split(":", 1)
        op = f[0]
        a, opts = options(f[1:], step)
        if op not in ("write", "create") and (len(a) != len(f) - 1):
            sys.exit("options only on write/create: " + step)
        if op in ("write", "create"):
            n = a[0] if op == "write" else 0
            cfg = (a[1] if len(a) > 1 else DEFAULT_MAX_BYTES, a[2] if len(a) > 2 else DEFAULT_IDX)
            if op == "create":
                cfg = (a[0] if len(a) > 0 else DEFAULT_MAX_BYTES, a[1] if len(a) > 1 else DEFAULT_IDX)
            plugin, logical = opts["plugin"], opts["logical_purge"] == "true"
            keys = list(range(1, n + 1))
        elif op == "append":
            keys += [k for k in range(a[0], a[1] + 1) if not keys or k > keys[-1]]
        elif op == "purge":
            purge_id = a[0] if purge_id is None or who == "R" else max(purge_id, a[0])
            if not logical:
                keys = [k for k in keys if k > a[0]]
        elif op == "truncate":
            keys = [k for k in keys if k < a[0]]
        else:
            sys.exit("unknown step " + step)
    for k in keys:
        print("record " + rec(k, plugin))
    print("count %d" % len(keys))
    print("last " + (rec(keys[-1], plugin) if keys else "-"))
    print("last_purge_id " + ("null" if purge_id is None else str(purge_id)))
    print("config plugin=%s chunk_max_bytes=%d chunk_max_hours=24 index_max_records=%d index_max_hours=24 "
          "key_is_timestamp=true logical_purge=%s" % ((plugin,) + cfg + ("true" if logical else "false",)))


main()
