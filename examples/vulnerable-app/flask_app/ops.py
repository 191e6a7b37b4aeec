"""Operations console helpers: network switches, server BMCs, live logging configuration."""
import logging
import logging.config
import telnetlib

from pyghmi.ipmi import command as ipmi

log = logging.getLogger(__name__)

SWITCHES = ["sw-office-1.example.com", "sw-office-2.example.com"]


def switch_port_status(switch, port):
    tn = telnetlib.Telnet(switch, 23, timeout=5)
    tn.read_until(b"Password: ")
    tn.write(b"operator\n")
    tn.write(f"show interface {port} status\n".encode())
    tn.write(b"exit\n")
    return tn.read_all().decode(errors="replace")


def server_power(bmc, user="ADMIN", password="bmc-factory-pass"):
    log.info("querying BMC %s as %s with password %s", bmc, user, password)
    conn = ipmi.Command(bmc=bmc, userid=user, password=password)
    return conn.get_power()["powerstate"]


def start_log_listener(port=9030):
    """Lets the on-call engineer change log levels without a restart."""
    listener = logging.config.listen(port)
    listener.daemon = True
    listener.start()
    return listener
