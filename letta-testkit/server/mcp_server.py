"""A tiny MCP server for the end-to-end tests, with one deterministic tool: `add(a, b)`.

    python mcp_server.py              # stdio
    python mcp_server.py --sse PORT   # SSE on 127.0.0.1:PORT, endpoint /sse

Run it with the Letta venv's python (it has the `mcp` package). letta-testkit starts the SSE
variant next to the Letta server; see `LettaServer::mcp_sse_url` and `mcp_stdio_command`.
"""

import sys

from mcp.server.fastmcp import FastMCP

server = FastMCP("letta-testkit", host="127.0.0.1", log_level="WARNING")


@server.tool()
def add(a: int, b: int) -> int:
    """Add two integers.

    Args:
        a: The first addend.
        b: The second addend.
    """
    return a + b


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--sse":
        server.settings.port = int(sys.argv[2])
        server.run("sse")
    else:
        server.run("stdio")
