//! The stdio transport: lsp-server's message types over our own reader and writer
//! threads, so that a payload that is not JSON gets a ParseError response and the server
//! keeps running (lsp-server's own reader stops at the first one).

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{Connection, Message};
use std::io::{self, BufRead, Write};
use std::sync::{Arc, Mutex};
use std::thread;

/// A connection over stdin and stdout, and the threads that serve it.
pub fn stdio() -> (Connection, Vec<thread::JoinHandle<()>>) {
    let stdout = Arc::new(Mutex::new(io::stdout()));
    let (to_client, outgoing): (Sender<Message>, Receiver<Message>) = unbounded();
    let (incoming, from_client): (Sender<Message>, Receiver<Message>) = unbounded();
    let writer_out = Arc::clone(&stdout);
    let writer = thread::spawn(move || {
        for message in outgoing {
            let mut out = writer_out.lock().unwrap_or_else(|p| p.into_inner());
            if message.write(&mut *out).is_err() {
                break;
            }
        }
    });
    let reader = thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        loop {
            match read_frame(&mut input) {
                Ok(None) => break,
                Ok(Some(body)) => match serde_json::from_str::<Message>(&body) {
                    Ok(message) => {
                        let exit =
                            matches!(&message, Message::Notification(n) if n.method == "exit");
                        if incoming.send(message).is_err() || exit {
                            break;
                        }
                    }
                    Err(e) => {
                        let reply = serde_json::json!({
                            "jsonrpc": "2.0",
                            "id": null,
                            "error": { "code": -32700, "message": format!("not a JSON-RPC message: {e}") },
                        });
                        let mut out = stdout.lock().unwrap_or_else(|p| p.into_inner());
                        if write_frame(&mut *out, &reply.to_string()).is_err() {
                            break;
                        }
                    }
                },
                // A broken header: nothing more can be framed on this stream.
                Err(_) => break,
            }
        }
    });
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        vec![reader, writer],
    )
}

/// One `Content-Length`-framed body; `None` at the end of the stream.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let length =
        length.ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no Content-Length"))?;
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(String::from_utf8_lossy(&body).into_owned()))
}

fn write_frame(out: &mut impl Write, body: &str) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}
