package com.healthmonitor.worker.check;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A DNS server on a loopback UDP port whose answer the test sets: records with NOERROR, another rcode, or silence;
 * or, {@code truncated}, an empty answer with the TC flag over UDP and the records over TCP on the same port number,
 * as a server does whose answer exceeds 512 bytes. Built with dnsjava's message classes, the same the checker parses
 * with.
 */
final class LoopbackDnsServer implements AutoCloseable {

    /** What the server answers to any query: an rcode and the answer section, or nothing ({@code silent}). */
    record Answer(int rcode, List<Record> records, boolean silent, boolean truncated) {
        static Answer of(Record... records) {
            return new Answer(Rcode.NOERROR, List.of(records), false, false);
        }

        static Answer rcode(int rcode) {
            return new Answer(rcode, List.of(), false, false);
        }

        static Answer silence() {
            return new Answer(Rcode.NOERROR, List.of(), true, false);
        }

        /** TC over UDP, the records only over TCP. */
        static Answer truncated(Record... records) {
            return new Answer(Rcode.NOERROR, List.of(records), false, true);
        }
    }

    private final DatagramSocket socket;
    private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.rcode(Rcode.REFUSED));
    private final Thread thread;
    private final ServerSocket tcp;
    private final Thread tcpThread;
    private final AtomicInteger tcpQueries = new AtomicInteger();

    LoopbackDnsServer() throws IOException {
        // UDP and TCP on one port number: a free UDP port's TCP twin may be taken by another process (parallel
        // builds), so try a few ports before giving up.
        DatagramSocket udp = null;
        ServerSocket stream = null;
        for (int attempt = 0; stream == null; attempt++) {
            udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                stream = new ServerSocket(udp.getLocalPort(), 50, InetAddress.getLoopbackAddress());
            } catch (BindException taken) {
                udp.close();
                if (attempt == 9) {
                    throw taken;
                }
            }
        }
        socket = udp;
        tcp = stream;
        thread = Thread.ofVirtual().start(this::serve);
        tcpThread = Thread.ofVirtual().start(this::serveTcp);
    }

    /** How many queries came over TCP. */
    int tcpQueries() {
        return tcpQueries.get();
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
                byte[] wire = response(query, current, current.truncated()).toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** Queries over TCP, each framed by a two-byte length (RFC 1035 4.2.2), answered in full. */
    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket connection = tcp.accept()) {
                DataInputStream in = new DataInputStream(connection.getInputStream());
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                tcpQueries.incrementAndGet();
                byte[] wire = response(new Message(query), answer.get(), false).toWire();
                DataOutputStream out = new DataOutputStream(connection.getOutputStream());
                out.writeShort(wire.length);
                out.write(wire);
                out.flush();
            } catch (IOException e) {
                if (tcp.isClosed()) {
                    return;
                }
            }
        }
    }

    private static Message response(Message query, Answer current, boolean truncated) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        response.getHeader().setRcode(current.rcode());
        response.addRecord(query.getQuestion(), Section.QUESTION);
        if (truncated) {
            response.getHeader().setFlag(Flags.TC);
        } else {
            current.records().forEach(record -> response.addRecord(record, Section.ANSWER));
        }
        return response;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        socket.close();
        tcp.close();
        thread.join();
        tcpThread.join();
    }
}
