//! The security rules (LL3xxx) and the Trivy and Checkov IDs every rule answers to:
//! what a user sees in real Dockerfiles, and that their existing suppressions and
//! policies keep working under the peers' names.

use layerlint::config;
use layerlint::context::{BuildContext, DockerIgnore};
use layerlint::lint::{lint, lint_with, lint_with_build_context};

/// The findings of one code, as `line:column` of their first character.
fn at(source: &str, code: &str) -> Vec<String> {
    let result = lint(source);
    result
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let p = result.dockerfile().position(d.span.start);
            format!("{}:{}", p.line, p.column)
        })
        .collect()
}

fn count(source: &str, code: &str) -> usize {
    at(source, code).len()
}

#[test]
fn tls_verification_off_is_found_where_the_shell_runs_it() {
    let src = "FROM debian:12-slim\n\
RUN set -eux; \\\n    if [ -n \"$X\" ]; then \\\n        curl -fsSLk https://example.com/a -o /a; \\\n    fi\n\
RUN sh -c 'wget --no-check-certificate https://example.com/b'\n\
RUN python3 -m pip install --trusted-host pypi.org flask==3.0.3\n\
RUN npm config set strict-ssl false && git -c http.sslVerify=false clone https://x/y.git\n\
ENV NODE_TLS_REJECT_UNAUTHORIZED=0\n\
ARG PYTHONHTTPSVERIFY=0\n\
RUN export GIT_SSL_NO_VERIFY=true && dnf config-manager --setopt=sslverify=false --save\n";
    assert_eq!(
        at(src, "LL3001"),
        [
            "4:14", "6:17", "7:28", "8:16", "8:47", "9:5", "10:5", "11:12", "11:57"
        ],
        "each at its flag or setting"
    );
    // Quoted text is not a command, and verification left on is fine.
    let fine = "FROM debian:12-slim\n\
RUN echo 'never use curl -k' && curl -fsSL https://example.com\n\
ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1 GIT_SSL_NO_VERIFY=\n\
RUN npm config set strict-ssl true\n";
    assert_eq!(count(fine, "LL3001"), 0);
}

#[test]
fn signature_checks_off_are_found() {
    let src = "FROM fedora:40\n\
RUN dnf install -y --nogpgcheck tool && rpm -Uvh --nosignature x.rpm\n\
RUN echo -e '[x]\\nbaseurl=http://mirror/x\\ngpgcheck=0' > /etc/yum.repos.d/x.repo\n\
RUN apt-get install -y --allow-unauthenticated foo && apk add --allow-untrusted /tmp/x.apk\n\
RUN echo 'deb [trusted=yes] http://mirror/debian ./' > /etc/apt/sources.list.d/x.list\n\
ENV GOSUMDB=off\n";
    assert_eq!(
        at(src, "LL3002"),
        ["2:20", "2:50", "3:13", "4:24", "4:63", "5:10", "6:5"]
    );
    let fine =
        "FROM fedora:40\nRUN dnf install -y tool && echo 'gpgcheck=1' >> /etc/dnf/dnf.conf\n";
    assert_eq!(count(fine, "LL3002"), 0);
}

#[test]
fn downloads_run_as_scripts_are_found_unless_verified() {
    for src in [
        "FROM debian:12\nRUN curl -fsSL https://get.example.com | sh\n",
        "FROM debian:12\nRUN wget -qO- https://get.example.com | sudo -E bash -s -- --yes\n",
        "FROM debian:12\nRUN curl -fsSL https://x | tee /tmp/log | bash\n",
        "FROM debian:12\nRUN sh -c \"$(curl -fsSL https://x/install.sh)\"\n",
        "FROM debian:12\nRUN bash <(curl -s https://x/install.sh)\n",
        "FROM debian:12\nRUN curl -sSL https://install.python-poetry.org | python3 -\n",
        "FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://x | sh\nEOF\n",
        "FROM debian:12\nONBUILD RUN curl -fsSL https://x | sh\n",
    ] {
        assert_eq!(count(src, "LL3003"), 1, "{src}");
    }
    for src in [
        // Downloaded, then checked, then run.
        "FROM debian:12\nRUN curl -fsSLo i.sh https://x && echo \"abc  i.sh\" | sha256sum -c - && sh i.sh\n",
        // A pipe into tar or a file is not a script.
        "FROM debian:12\nRUN curl -fsSL https://x/a.tgz | tar -xz -C /opt\n",
        "FROM debian:12\nRUN curl -fsSL https://x/key | gpg --dearmor -o /k.gpg\n",
        // The download's output is a word, not a script.
        "FROM debian:12\nRUN V=$(curl -s https://x/v) && sh ./install.sh \"$V\"\n",
        "FROM debian:12\nRUN sh ./install.sh \"$(curl -s https://x/v)\"\n",
        // What a command's `$(...)` writes ends with that command: the shell after it
        // reads no download.
        "FROM debian:12\nRUN export V=\"$(curl -fsSL https://x/v)\"; sh\n",
        "FROM debian:12\nRUN if true; then export V=\"$(curl -fsSL https://x/v)\"; sh; fi\n",
    ] {
        assert_eq!(count(src, "LL3003"), 0, "{src}");
    }
}

#[test]
fn secrets_copied_from_the_context_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (path, content) in [
        ("app.py", "print()\n"),
        (".env", "TOKEN=x\n"),
        (".env.example", "TOKEN=\n"),
        ("config/master.key", "abc\n"),
        ("certs/ca.pem", "-----BEGIN CERTIFICATE-----\n"),
        ("certs/server.pem", "-----BEGIN PRIVATE KEY-----\n"),
        (".npmrc", "registry=https://registry.npmjs.org/\n"),
        ("deploy/.npmrc", "//registry.npmjs.org/:_authToken=abc\n"),
        ("node_modules/x/id_rsa", "not sent\n"),
    ] {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    let ignore = DockerIgnore::parse("node_modules\n").unwrap();
    let build = BuildContext::new(root, Some(&ignore), None);
    let run = |src: &str| -> Vec<String> {
        lint_with_build_context(
            src,
            &config::Settings::default(),
            Some(&ignore),
            Some(&build),
        )
        .diagnostics
        .into_iter()
        .filter(|d| d.code == "LL3004")
        .map(|d| d.message)
        .collect()
    };
    let found = run("FROM python:3.12\nCOPY . /app\n");
    assert_eq!(found.len(), 1, "{found:?}");
    let message = &found[0];
    for name in ["`.env`", "`config/master.key`", "`certs/server.pem`"] {
        assert!(message.contains(name), "{name} in {message}");
    }
    for name in [".env.example", "ca.pem", "`.npmrc`", "id_rsa"] {
        assert!(!message.contains(name), "{name} not in {message}");
    }
    assert_eq!(
        run("FROM node:22\nCOPY deploy/ /app/\n").len(),
        1,
        ".npmrc with a token"
    );
    assert_eq!(
        run("FROM node:22\nCOPY app.py .npmrc /app/\n").len(),
        0,
        ".npmrc without one"
    );
    assert_eq!(run("FROM node:22\nCOPY certs/*.pem /etc/ssl/\n").len(), 1);
    // A builder stage that does not ship, and a COPY from another stage, are not findings.
    assert_eq!(
        run("FROM python:3.12 AS build\nCOPY . /src\nFROM python:3.12\nCOPY --from=build /src/app.py /app/\n").len(),
        0
    );
    // Without a context, names alone decide.
    let names = |src: &str| count(src, "LL3004");
    assert_eq!(names("FROM alpine:3\nCOPY id_rsa /root/.ssh/\n"), 1);
    assert_eq!(
        names("FROM alpine:3\nCOPY sa.json $GOOGLE_APPLICATION_CREDENTIALS\n"),
        1
    );
    assert_eq!(names("FROM alpine:3\nCOPY id_rsa.pub /root/.ssh/\n"), 0);
    assert_eq!(
        names("FROM amazon/aws-cli:2.17.0\nRUN aws configure set aws_secret_access_key \"$KEY\"\n"),
        1
    );
    assert_eq!(
        names(
            "FROM amazon/aws-cli:2.17.0\nRUN --mount=type=secret,id=aws aws configure set aws_secret_access_key \"$(cat /run/secrets/aws)\"\n"
        ),
        0
    );
}

#[test]
fn sandbox_ports_workdirs_and_passwords() {
    let src = "FROM debian:12\n\
RUN --network=host --security=insecure make\n\
RUN --network=none make test\n\
EXPOSE 8080 22/tcp 2000-2100\n\
EXPOSE 20-30\n\
WORKDIR /proc\n\
WORKDIR self\n\
WORKDIR /srv/app\n\
RUN echo 'root:root' | chpasswd && passwd -d app && usermod -p x app\n";
    assert_eq!(at(src, "LL3005"), ["2:5", "2:20"]);
    assert_eq!(at(src, "LL3006"), ["4:13", "5:8"]);
    assert_eq!(
        at(src, "LL3007"),
        ["6:9", "7:9"],
        "relative WORKDIRs resolve"
    );
    assert_eq!(at(src, "LL3008"), ["9:24", "9:36", "9:53"]);
}

#[test]
fn healthcheck_and_user_rules_are_off_until_named() {
    let src = "FROM debian:12 AS base\nHEALTHCHECK NONE\nFROM base\nRUN true\n";
    assert_eq!(count(src, "LL3009"), 0, "off by default");
    assert_eq!(count(src, "LL3010"), 0, "off by default");
    let on = config::parse("override:\n  info: [CKV_DOCKER_2, DS-0002]\n").unwrap();
    let codes = |src: &str| -> Vec<String> {
        lint_with(src, &on)
            .diagnostics
            .into_iter()
            .map(|d| d.code.to_string())
            .filter(|c| c.starts_with("LL30"))
            .collect()
    };
    // HEALTHCHECK NONE in the stage the final one builds on is a decision; no USER is not.
    assert_eq!(codes(src), ["LL3010"]);
    assert_eq!(codes("FROM nginx:1.27\n"), ["LL3009", "LL3010"]);
    assert_eq!(
        codes("FROM gcr.io/distroless/static:nonroot\nHEALTHCHECK NONE\n"),
        Vec::<String>::new()
    );
    // A USER that is root is DL3002's finding, not this one's.
    assert_eq!(
        codes("FROM debian:12\nUSER root\nHEALTHCHECK NONE\n"),
        Vec::<String>::new()
    );
}

#[test]
fn peer_ids_suppress_and_select_like_codes() {
    let src = "FROM debian:12\nRUN sudo apt-get update\nUSER root\n";
    assert_eq!(count(src, "DL3004"), 1);
    assert_eq!(count(src, "DL3002"), 1);
    // Every spelling of Trivy's IDs, and Checkov's, in a pragma.
    for pragma in [
        "DS-0010",
        "DS010",
        "AVD-DS-0010",
        "ds-0010",
        "CKV2_DOCKER_1",
    ] {
        let s = format!("FROM debian:12\n# hadolint ignore={pragma}\nRUN sudo apt-get update\n");
        assert_eq!(count(&s, "DL3004"), 0, "{pragma}");
    }
    // In the config's ignored list and in an override.
    let cfg = config::parse("ignored: [CKV_DOCKER_8, AVD-DS-0010]\n").unwrap();
    let codes: Vec<String> = lint_with(src, &cfg)
        .diagnostics
        .into_iter()
        .map(|d| d.code.to_string())
        .collect();
    assert!(
        !codes.iter().any(|c| c == "DL3002" || c == "DL3004"),
        "{codes:?}"
    );
    let cfg = config::parse("override:\n  style: [DS-0002]\n").unwrap();
    let dl3002 = lint_with(src, &cfg)
        .diagnostics
        .into_iter()
        .find(|d| d.code == "DL3002")
        .unwrap();
    assert_eq!(dl3002.severity.as_str(), "style");
    // One peer ID that two rules split: ignoring DS-0001 silences both DL3006 and DL3007.
    let src = "FROM debian\nFROM alpine:latest\n";
    assert_eq!(count(src, "DL3006") + count(src, "DL3007"), 2);
    let cfg = config::parse("ignored: [DS-0001]\n").unwrap();
    assert!(
        lint_with(src, &cfg)
            .diagnostics
            .iter()
            .all(|d| d.code != "DL3006" && d.code != "DL3007")
    );
}

#[test]
fn a_peer_check_suppresses_and_rates_only_its_own_findings() {
    let src =
        "FROM debian:12\nRUN curl -k https://x -o /a && wget --no-check-certificate https://x\n";
    assert_eq!(count(src, "LL3001"), 2);
    let cfg = config::parse("ignored: [CKV2_DOCKER_2]\n").unwrap();
    let left: Vec<String> = lint_with(src, &cfg)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == "LL3001")
        .map(|d| d.message)
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].contains("wget"), "{left:?}");
    let pragma = format!(
        "FROM debian:12\n# hadolint ignore=CKV2_DOCKER_3\n{}",
        &src[15..]
    );
    assert_eq!(count(&pragma, "LL3001"), 1);
    let cfg = config::parse("override:\n  error: [CKV2_DOCKER_3]\n").unwrap();
    let severities: Vec<String> = lint_with(src, &cfg)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == "LL3001")
        .map(|d| d.severity.as_str().to_string())
        .collect();
    assert_eq!(severities, ["warning", "error"]);
}
