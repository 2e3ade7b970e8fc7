"""The official Python SDK (`letta-client`) doing the clients bench's work on the replay server.

Driven by `benches/benches/clients/python.rs`; runnable by hand as well:

    python letta_client_bench.py --base-url http://127.0.0.1:PORT --op retrieve-agent \
        --in-flight 64 --mode async --rounds 3 --round-ms 1000 --warm-up-ms 250

Each request is the same as the Rust clients' in `benches/benches/clients/raw.rs` (same agent ID,
same request body) and its answer goes through the SDK's own decoding into its pydantic models;
every answer is checked to be such a model, so a silent fall-back to plain dicts (or a stream
event the SDK drops) cannot pass as work done.

`sync` runs N threads sharing one `Letta`; `async` runs N asyncio tasks on one `AsyncLetta`. Both
are built as a user would, with the SDK's default httpx client: a pool raised to N connections
was measured slower for `async` at 64 (httpcore scans every pooled connection on each request).
Output, one JSON object a line: `{"ready": ...}` after the warm-up, one line per round
(`requests`, `events`, `wall_s`, `cpu_s`; CPU is `time.process_time()`, all threads of this
process), then `{"peak_rss_bytes": ...}`. With `--on-cue`, each round waits for a line on stdin,
so the caller can interleave these rounds with its own.
"""

import argparse
import asyncio
import importlib.metadata
import json
import platform
import sys
import threading
import time

from letta_client import AsyncLetta, Letta, MessageCreate
from letta_client.types import AgentState, LettaResponse
from pydantic import BaseModel

# The same agent ID and message as `raw.rs`; the replay server accepts any ID.
AGENT = "agent-00000000-0000-4000-8000-000000000000"
TEXT = "What is on the agenda for today?"
OPS = ("retrieve-agent", "list-messages", "send-message", "stream")


def messages():
    return [MessageCreate(role="user", content=TEXT)]


def check_models(items):
    # The SDK builds models without validating, falling back to the raw value when a shape does
    # not match; a dict here would mean the work measured is not the typed decoding.
    for item in items:
        if not isinstance(item, BaseModel):
            raise TypeError(f"not decoded into a model: {type(item).__name__}")
    return len(items)


def check_agent(agent):
    if not isinstance(agent, AgentState) or not isinstance(agent.memory, BaseModel):
        raise TypeError(f"retrieve: not an AgentState: {type(agent).__name__}")


def check_reply(reply):
    if not isinstance(reply, LettaResponse):
        raise TypeError(f"send: not a LettaResponse: {type(reply).__name__}")
    check_models(reply.messages)


def sync_once(client, op):
    """One request; returns the number of events (1 for a plain request)."""
    if op == "retrieve-agent":
        check_agent(client.agents.retrieve(agent_id=AGENT))
        return 1
    if op == "list-messages":
        check_models(client.agents.messages.list(agent_id=AGENT))
        return 1
    if op == "send-message":
        check_reply(client.agents.messages.create(agent_id=AGENT, messages=messages()))
        return 1
    events = 0
    for event in client.agents.messages.create_stream(agent_id=AGENT, messages=messages()):
        if not isinstance(event, BaseModel):
            raise TypeError(f"stream: not a model: {type(event).__name__}")
        events += 1
    return events


async def async_once(client, op):
    """One request; returns the number of events (1 for a plain request)."""
    if op == "retrieve-agent":
        check_agent(await client.agents.retrieve(agent_id=AGENT))
        return 1
    if op == "list-messages":
        check_models(await client.agents.messages.list(agent_id=AGENT))
        return 1
    if op == "send-message":
        check_reply(await client.agents.messages.create(agent_id=AGENT, messages=messages()))
        return 1
    events = 0
    async for event in client.agents.messages.create_stream(agent_id=AGENT, messages=messages()):
        if not isinstance(event, BaseModel):
            raise TypeError(f"stream: not a model: {type(event).__name__}")
        events += 1
    return events


def sync_round(client, op, in_flight, seconds):
    deadline = time.perf_counter() + seconds
    counts = [[0, 0] for _ in range(in_flight)]
    errors = []

    def loop(slot):
        try:
            while time.perf_counter() < deadline:
                events = sync_once(client, op)
                slot[0] += 1
                slot[1] += events
        except BaseException as error:  # reported by the caller; a failed round is a bench bug
            errors.append(error)

    cpu, wall = time.process_time(), time.perf_counter()
    threads = [threading.Thread(target=loop, args=(slot,)) for slot in counts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if errors:
        raise errors[0]
    return sum(c[0] for c in counts), sum(c[1] for c in counts), wall, cpu


async def async_round(client, op, in_flight, seconds):
    deadline = time.perf_counter() + seconds

    async def loop():
        requests = events = 0
        while time.perf_counter() < deadline:
            events += await async_once(client, op)
            requests += 1
        return requests, events

    cpu, wall = time.process_time(), time.perf_counter()
    done = await asyncio.gather(*(loop() for _ in range(in_flight)))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return sum(d[0] for d in done), sum(d[1] for d in done), wall, cpu


def peak_rss():
    """Peak RSS of this process in bytes: `VmHWM`, not `getrusage`'s `ru_maxrss`, which Linux
    carries over `execve` from the spawning process (it read the bench's own peak here)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return None


def emit(obj):
    print(json.dumps(obj), flush=True)


def wait_for_cue(args):
    """With `--on-cue`, blocks until the caller writes a line; False at end of input."""
    return not args.on_cue or bool(sys.stdin.readline())


def report_round(index, result):
    requests, events, wall, cpu = result
    emit({"round": index, "requests": requests, "events": events, "wall_s": wall, "cpu_s": cpu})


def run_sync(args):
    client = Letta(base_url=args.base_url)
    sync_round(client, args.op, args.in_flight, args.warm_up_ms / 1000)
    emit({"ready": True})
    for index in range(args.rounds):
        if not wait_for_cue(args):
            break
        report_round(index, sync_round(client, args.op, args.in_flight, args.round_ms / 1000))


async def run_async(args):
    client = AsyncLetta(base_url=args.base_url)
    await async_round(client, args.op, args.in_flight, args.warm_up_ms / 1000)
    emit({"ready": True})
    for index in range(args.rounds):
        # Blocking is fine here: nothing else runs on the loop between rounds.
        if not wait_for_cue(args):
            break
        report_round(index, await async_round(client, args.op, args.in_flight, args.round_ms / 1000))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--op", choices=OPS, required=True)
    parser.add_argument("--in-flight", type=int, default=1)
    parser.add_argument("--mode", choices=("sync", "async"), default="sync")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--round-ms", type=int, default=1000)
    parser.add_argument("--warm-up-ms", type=int, default=250)
    parser.add_argument("--on-cue", action="store_true", help="start each round on a stdin line")
    parser.add_argument("--version", action="store_true", help="print the SDK and Python versions")
    if "--version" in sys.argv:
        emit({"letta_client": importlib.metadata.version("letta-client"), "python": platform.python_version()})
        return
    args = parser.parse_args()
    if args.mode == "sync":
        run_sync(args)
    else:
        asyncio.run(run_async(args))
    emit({"peak_rss_bytes": peak_rss()})


if __name__ == "__main__":
    main()
