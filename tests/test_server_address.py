"""The dashboard listens on this machine only unless someone chooses otherwise (README: serving a network)."""

import socket
import subprocess
import sys
import time
import tomllib
import urllib.request

from browser import ROOT, free_port


def test_the_default_config_listens_on_this_machine_only():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["address"] == "localhost"


def this_machines_network_address() -> str | None:
    """The address other machines would reach this one on (no packet is sent), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = sock.getsockname()[0]
    return None if address.startswith("127.") else address


def reachable(url: str) -> bool:
    try:
        return urllib.request.urlopen(url, timeout=2).status == 200
    except OSError:
        return False


def test_a_server_started_as_the_readme_says_prints_no_network_url_and_refuses_the_network():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while not reachable(f"http://127.0.0.1:{port}/_stcore/health"):
            assert time.monotonic() < deadline and process.poll() is None, "the dashboard did not start"
            time.sleep(0.3)
        network = this_machines_network_address()
        refused = network is None or not reachable(f"http://{network}:{port}/_stcore/health")
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
    assert f"URL: http://localhost:{port}" in output
    assert "Network URL" not in output and "External URL" not in output
    assert refused, f"the dashboard answered on {network}"
