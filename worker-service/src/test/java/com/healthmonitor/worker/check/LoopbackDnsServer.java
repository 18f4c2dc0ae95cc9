package com.healthmonitor.worker.check;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A DNS server on a loopback UDP port whose answer the test sets: records with NOERROR, another rcode, or silence.
 * Built with dnsjava's message classes, the same the checker parses with.
 */
final class LoopbackDnsServer implements AutoCloseable {

    /** What the server answers to any query: an rcode and the answer section, or nothing ({@code silent}). */
    record Answer(int rcode, List<Record> records, boolean silent) {
        static Answer of(Record... records) {
            return new Answer(Rcode.NOERROR, List.of(records), false);
        }

        static Answer rcode(int rcode) {
            return new Answer(rcode, List.of(), false);
        }

        static Answer silence() {
            return new Answer(Rcode.NOERROR, List.of(), true);
        }
    }

    private final DatagramSocket socket;
    private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.rcode(Rcode.REFUSED));
    private final Thread thread;

    LoopbackDnsServer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofVirtual().start(this::serve);
    }

    void answer(Answer next) {
        answer.set(next);
    }

    /** {@code 127.0.0.1:port}, as a monitor's resolver. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Answer current = answer.get();
                if (current.silent()) {
                    continue;
                }
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.getHeader().setFlag(Flags.RA);
                response.getHeader().setRcode(current.rcode());
                response.addRecord(query.getQuestion(), Section.QUESTION);
                current.records().forEach(record -> response.addRecord(record, Section.ANSWER));
                byte[] wire = response.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join();
    }
}
