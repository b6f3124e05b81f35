//! Interop harness over the REAL timevault-rs partition layer (public API only, as its own tests use it).
//!
//! Commands (keys are u64; records are the crate's own jsonl encoding {"payload":"value-<k>","timestamp":<k>}\n):
//!   create   <root> <uuid> [chunk_max_bytes] [index_max_records]
//!   append   <root> <uuid> <from> <to>          keys from..=to
//!   write    <root> <uuid> <n> [chunk_max_bytes] [index_max_records]   = create + append 1..=n
//!   purge    <root> <uuid> <cutoff>
//!   truncate <root> <uuid> <cutoff>
//!   read     <root> <uuid> [ro|rw]              read_range(0, u64::MAX), one line per record, then last/metadata
//!   hold     <root> <uuid> <millis>             open the store for writing (takes its lock), print "locked", sleep
//!
//! Project overlay (timevault-raft interop/overlay): `create` and `write` also take options after the numbers,
//! plugin=jsonl|jsonl_struct and logical_purge=true|false. A jsonl_struct record k is the crate's encoding of the
//! object {"name":"value-<k>","value":<k>}: {"name":"value-<k>","timestamp":<k>,"value":<k>}\n.
use std::path::{Path, PathBuf};
use std::process::exit;

use timevault::store::disk::metadata::{load_metadata, MetadataJson};
use timevault::store::partition::{ChunkRollCfg, IndexCfg, PartitionConfig, RetentionCfg};
use timevault::store::paths;
use timevault::store::plugins::resolve_plugin;
use timevault::store::{Store, StoreConfig};
use timevault::PartitionHandle;
use uuid::Uuid;

fn usage() -> ! {
    eprintln!("usage: tv-interop create|append|write|purge|truncate|read <root> <uuid> ...");
    exit(2)
}

fn arg(args: &[String], i: usize) -> &str {
    args.get(i).map(|s| s.as_str()).unwrap_or_else(|| usage())
}

fn num(args: &[String], i: usize, default: Option<u64>) -> u64 {
    match args.get(i) {
        Some(s) => s.parse().unwrap_or_else(|_| usage()),
        None => default.unwrap_or_else(|| usage()),
    }
}

fn die(what: &str, e: impl std::fmt::Display) -> ! {
    eprintln!("rust: {what} failed: {e}");
    exit(1)
}

fn encode(k: u64, plugin_name: &str) -> Vec<u8> {
    let plugin = resolve_plugin(plugin_name).unwrap_or_else(|e| die("resolve_plugin", e));
    let value = if plugin_name == "jsonl_struct" {
        serde_json::json!({"name": format!("value-{k}"), "value": k})
    } else {
        serde_json::json!(format!("value-{k}"))
    };
    plugin.encode(k as i64, &value).unwrap_or_else(|e| die("encode", e))
}

/// The numbers of a step (before any option), and its options (key=value) with their defaults.
struct Opts {
    plugin: String,
    logical_purge: bool,
}

fn split_opts(args: &[String]) -> (Vec<String>, Opts) {
    let mut nums = Vec::new();
    let mut o = Opts { plugin: "jsonl".into(), logical_purge: false };
    for a in args {
        match a.split_once('=') {
            None => nums.push(a.clone()),
            Some(("plugin", v)) => o.plugin = v.to_string(),
            Some(("logical_purge", v)) => o.logical_purge = v == "true",
            Some(_) => usage(),
        }
    }
    (nums, o)
}

fn open_store(root: &Path, read_only: bool) -> Store {
    Store::open(root, StoreConfig { read_only }).unwrap_or_else(|e| die("Store::open", e))
}

fn open_part(store: &Store, id: Uuid) -> PartitionHandle {
    store.open_partition(id).unwrap_or_else(|e| die("open_partition", e))
}

fn create(root: &Path, id: Uuid, max_bytes: u64, max_records: u32, o: &Opts) -> (Store, PartitionHandle) {
    let store = open_store(root, false);
    let d = PartitionConfig::default();
    let meta = MetadataJson {
        partition_id: id,
        format_version: d.format_version,
        format_plugin: o.plugin.clone(),
        chunk_roll: ChunkRollCfg { max_bytes, max_hours: d.chunk_roll.max_hours },
        index: IndexCfg { max_records, max_hours: d.index.max_hours },
        retention: RetentionCfg::default(),
        key_is_timestamp: d.key_is_timestamp,
        logical_purge: o.logical_purge,
        last_purge_id: None,
    };
    let h = store.ensure_partition(&meta).unwrap_or_else(|e| die("ensure_partition", e));
    (store, h)
}

fn append(h: &PartitionHandle, from: u64, to: u64) {
    let plugin = h.cfg().format_plugin;
    for k in from..=to {
        h.append(k, &encode(k, &plugin)).unwrap_or_else(|e| die(&format!("append {k}"), e));
    }
}

fn line_text(b: &[u8]) -> String {
    let mut s = String::from_utf8_lossy(b).to_string();
    if s.ends_with('\n') {
        s.pop();
    }
    s
}

fn read(root: &Path, id: Uuid, read_only: bool) {
    let store = open_store(root, read_only);
    let h = open_part(&store, id);
    let bytes = h.read_range(0, u64::MAX).unwrap_or_else(|e| die("read_range", e));
    let mut count = 0;
    for line in bytes.split(|b| *b == b'\n') {
        if line.is_empty() {
            continue;
        }
        println!("record {}", String::from_utf8_lossy(line));
        count += 1;
    }
    println!("count {count}");
    match h.last_record() {
        Some(b) => println!("last {}", line_text(&b)),
        None => println!("last -"),
    }
    let part_dir = paths::partition_dir(&PathBuf::from(root), id);
    let m = load_metadata(&paths::partition_metadata(&part_dir)).unwrap_or_else(|e| die("load_metadata", e));
    println!(
        "last_purge_id {}",
        m.last_purge_id.map(|v| v.to_string()).unwrap_or_else(|| "null".into())
    );
    let c = h.cfg();
    println!(
        "config plugin={} chunk_max_bytes={} chunk_max_hours={} index_max_records={} index_max_hours={} key_is_timestamp={} logical_purge={}",
        c.format_plugin, c.chunk_roll.max_bytes, c.chunk_roll.max_hours, c.index.max_records, c.index.max_hours, c.key_is_timestamp, c.logical_purge
    );
}

fn main() {
    let (args, opts) = split_opts(&std::env::args().skip(1).collect::<Vec<String>>());
    let cmd = arg(&args, 0).to_string();
    let root = PathBuf::from(arg(&args, 1));
    let id = Uuid::parse_str(arg(&args, 2)).unwrap_or_else(|e| die("uuid", e));
    let dflt = PartitionConfig::default();
    match cmd.as_str() {
        "create" => {
            create(&root, id, num(&args, 3, Some(dflt.chunk_roll.max_bytes)), num(&args, 4, Some(dflt.index.max_records as u64)) as u32, &opts);
        }
        "write" => {
            let n = num(&args, 3, None);
            let (_s, h) = create(&root, id, num(&args, 4, Some(dflt.chunk_roll.max_bytes)), num(&args, 5, Some(dflt.index.max_records as u64)) as u32, &opts);
            append(&h, 1, n);
        }
        "append" => {
            let s = open_store(&root, false);
            let h = open_part(&s, id);
            append(&h, num(&args, 3, None), num(&args, 4, None));
        }
        "purge" => {
            let s = open_store(&root, false);
            open_part(&s, id).purge(num(&args, 3, None)).unwrap_or_else(|e| die("purge", e));
        }
        "truncate" => {
            let s = open_store(&root, false);
            open_part(&s, id).truncate(num(&args, 3, None)).unwrap_or_else(|e| die("truncate", e));
        }
        "read" => {
            let mode = args.get(3).map(|s| s.as_str()).unwrap_or("ro");
            read(&root, id, mode == "ro");
        }
        "hold" => {
            let _s = open_store(&root, false);
            println!("locked");
            std::thread::sleep(std::time::Duration::from_millis(num(&args, 3, None)));
        }
        _ => usage(),
    }
}
