package io.ftpsbridge.datachannel;

import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;

/**
 * What happened on a data connection from the moment it was accepted: a failure (a reset while the connection
 * waited for its transfer must never pass for a clean end) and the client's TLS close_notify.
 * <p>
 * close_notify is the TLS end of the data: Python's ftplib, for one, sends it after an upload and waits for ours
 * before it closes, so the upload must end there. Vert.x offers Netty's {@link SslCloseCompletionEvent} only
 * through its internal {@link NetSocketInternal#eventHandler}; there is no public way to see it.
 * Runs on the data connection's context.
 */
public final class DataConnectionEvents {

    private Throwable failure;
    private boolean closeNotify;
    private Runnable closeNotifyListener;

    /** Watches a freshly accepted socket. */
    static DataConnectionEvents watch(NetSocket socket) {
        DataConnectionEvents events = new DataConnectionEvents();
        socket.exceptionHandler(events::failed);
        if (socket instanceof NetSocketInternal internal) {
            internal.eventHandler(event -> {
                if (event instanceof SslCloseCompletionEvent close && close.isSuccess()) {
                    events.closeNotify = true;
                    if (events.closeNotifyListener != null) {
                        events.closeNotifyListener.run();
                    }
                }
            });
        }
        return events;
    }

    void failed(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    /** The first failure seen on the socket, or null. */
    public Throwable failure() {
        return failure;
    }

    /** True once the client's TLS close_notify arrived. */
    public boolean closeNotifyReceived() {
        return closeNotify;
    }

    /** Calls {@code listener} when the client's close_notify arrives, or at once if it already has. */
    public void onCloseNotify(Runnable listener) {
        closeNotifyListener = listener;
        if (closeNotify) {
            listener.run();
        }
    }
}
