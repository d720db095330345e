"""Socket.IO packets that cannot crash the server: a malformed one gets an error ack.

Invalid JSON, a number too long for Python to read, nesting too deep, or an event that is not
`[name, ...]` would otherwise raise inside python-socketio and log a traceback per packet,
with no answer to the client. Here such an event becomes the event MALFORMED, whose handler
answers `{ok: false, error: {code: "malformed"}}` under the packet's own ack id, and one line
is logged: the error's kind only, never the payload or the client's address.
"""

import logging

from socketio import packet

log = logging.getLogger(__name__)
MALFORMED = "malformed packet"


class SafePacket(packet.Packet):
    """A packet whose decoding refuses bad input instead of raising into the server loop."""

    def decode(self, encoded_packet):
        """Decode as usual; an undecodable event becomes [MALFORMED] with its ack id kept."""
        try:
            attachments = super().decode(encoded_packet)
        except (ValueError, RecursionError, TypeError) as error:
            if self.packet_type not in (packet.EVENT, packet.CONNECT):
                raise
            log.warning("malformed socket packet refused: %s", type(error).__name__)
            self.data = [MALFORMED] if self.packet_type == packet.EVENT else None
            return 0
        if self.packet_type == packet.EVENT and not (
            isinstance(self.data, list) and self.data and isinstance(self.data[0], str)
        ):
            log.warning("malformed socket packet refused: not an event")
            self.data = [MALFORMED]
        return attachments
