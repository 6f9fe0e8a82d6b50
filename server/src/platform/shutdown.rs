//! Stopping on SIGTERM (what systemd, Docker and Kubernetes send) or Ctrl-C: stop accepting
//! connections, close the live message streams (they never end by themselves), let the
//! requests in flight finish for at most the grace (`LINLI_SHUTDOWN_GRACE_SECS`), then stop.
//! The caller stops the timers and closes the pools after [`serve`] returns.

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;

/// Serves `app` on `listener` until a stop signal, then as described above; `on_signal` runs
/// once the signal has come (the message hub's close).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    grace: Duration,
    on_signal: impl FnOnce() + Send + 'static,
) -> std::io::Result<()> {
    let stop = signal();
    let (signalled, mut heard) = tokio::sync::watch::channel(false);
    let serving = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        stop.await;
        tracing::info!(
            in_flight = crate::platform::metrics::requests_in_flight(),
            grace_secs = grace.as_secs(),
            "shutting down: no new connections; waiting for the requests in flight"
        );
        on_signal();
        let _ = signalled.send(true);
    });
    let deadline = async move {
        if heard.wait_for(|signalled| *signalled).await.is_err() {
            // The server ended without a signal: the serving branch has its result.
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        served = std::future::IntoFuture::into_future(serving) => served,
        () = deadline => {
            tracing::warn!(
                in_flight = crate::platform::metrics::requests_in_flight(),
                grace_secs = grace.as_secs(),
                "requests still in flight after the grace: stopping without them"
            );
            Ok(())
        }
    }
}

/// Closes `pool` (for SQLite the writer's close checkpoints the WAL into the file), waiting
/// at most a few seconds for connections a cut-off request may still hold.
pub async fn close_pool(pool: &sqlx::AnyPool) {
    if tokio::time::timeout(Duration::from_secs(5), pool.close())
        .await
        .is_err()
    {
        tracing::warn!("a database connection was still in use at the stop");
    }
}

/// The stop signals, listened for from now on: a signal arriving before the server's first
/// poll of the returned future is kept, not left to the default action (ending the process
/// at once, requests and all). axum polls its shutdown future from a task of its own, which
/// may run only after the first requests are answered.
fn signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let (terminate, interrupt) = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let wait = |listener: std::io::Result<tokio::signal::unix::Signal>| async move {
                match listener {
                    Ok(mut listener) => {
                        listener.recv().await;
                    }
                    Err(_) => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = wait(terminate) => {},
                () = wait(interrupt) => {},
            }
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
