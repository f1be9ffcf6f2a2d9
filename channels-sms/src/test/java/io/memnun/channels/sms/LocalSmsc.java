package io.memnun.channels.sms;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * A local SMSC on jsmpp's server session, started by the test: it binds transmitters, records every submit_sm and
 * answers from a script (an error status, a delay past the client's timeout, or a message id).
 */
final class LocalSmsc implements ServerMessageReceiverListener, AutoCloseable {
    /** What to do with the next submission: refuse with {@code status}, or wait {@code delayMillis} first. */
    record Step(int status, long delayMillis) {}

    private final SMPPServerSessionListener listener;
    private final int port;
    private final Thread acceptor;
    private final List<SMPPServerSession> sessions = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Step> script = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger();
    final List<SubmitSm> received = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger binds = new AtomicInteger();
    private volatile boolean closed;
    /** What the message ids it answers start with, before their number. */
    volatile String idPrefix = "m";

    LocalSmsc() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        listener = new SMPPServerSessionListener(port);
        listener.setMessageReceiverListener(this);
        acceptor = new Thread(this::acceptLoop, "local-smsc");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return port;
    }

    LocalSmsc then(Step step) {
        synchronized (script) {
            script.add(step);
        }
        return this;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SMPPServerSession session = listener.accept();
                sessions.add(session);
                BindRequest bind = session.waitForBind(5_000);
                bind.accept("local-smsc");
                binds.incrementAndGet();
            } catch (Exception e) {
                // closed, or a client that did not bind: wait for the next one
            }
        }
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
        Step step;
        synchronized (script) {
            step = script.poll();
        }
        if (step != null && step.delayMillis() > 0) {
            try {
                Thread.sleep(step.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (step != null && step.status() != 0) {
            throw new ProcessRequestException("refused by the script", step.status());
        }
        received.add(submitSm);
        try {
            return new SubmitSmResult(new MessageId(idPrefix + ids.incrementAndGet()), null);
        } catch (org.jsmpp.PDUStringException e) {
            throw new ProcessRequestException(e.getMessage(), 0x08);
        }
    }

    /**
     * Sends a mobile-originated message to the first bound client session (a receiver or transceiver) and returns once
     * the client answered; a refusal throws jsmpp's negative response exception.
     */
    void deliver(String from, String to, byte dataCoding, byte[] body) throws Exception {
        SMPPServerSession target = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (target == null && System.nanoTime() < deadline) {
            synchronized (sessions) {
                target = sessions.stream().filter(s -> s.getSessionState().isBound()).findFirst().orElse(null);
            }
            if (target == null) {
                Thread.sleep(20);
            }
        }
        if (target == null) {
            throw new IllegalStateException("no client bound");
        }
        target.deliverShortMessage("", org.jsmpp.bean.TypeOfNumber.INTERNATIONAL, org.jsmpp.bean.NumberingPlanIndicator.ISDN, from,
                org.jsmpp.bean.TypeOfNumber.UNKNOWN, org.jsmpp.bean.NumberingPlanIndicator.UNKNOWN, to, new org.jsmpp.bean.ESMClass(),
                (byte) 0, (byte) 0, new org.jsmpp.bean.RegisteredDelivery(), new org.jsmpp.bean.GeneralDataCoding(
                        dataCoding == 8 ? org.jsmpp.bean.Alphabet.ALPHA_UCS2 : org.jsmpp.bean.Alphabet.ALPHA_DEFAULT), body);
    }

    private static ProcessRequestException unsupported() {
        return new ProcessRequestException("not supported by the test SMSC", 0x03);
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        synchronized (sessions) {
            sessions.forEach(SMPPServerSession::close);
        }
        listener.close();
    }
}
