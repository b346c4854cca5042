//! Behaviours from hadolint's own rule specs (test/Hadolint/Rule/*Spec.hs at v2.15.1)
//! that layerlint once got wrong, each checked against hadolint 2.15.1 itself.

use layerlint::lint::lint;

fn has(source: &str, code: &str) -> bool {
    lint(source).diagnostics.iter().any(|d| d.code == code)
}

#[test]
fn option_values_are_not_packages() {
    // DL3013: "pipx install --python argument is not a package", "pip install
    // --root-user-action argument is not a package".
    assert!(!has(
        "FROM python:3.12\nRUN pipx install --python python3.12 poetry==1.8.0\n",
        "DL3013"
    ));
    assert!(!has(
        "FROM python:3.12\nRUN pip install --root-user-action ignore requests==2.0\n",
        "DL3013"
    ));
    assert!(has(
        "FROM python:3.12\nRUN pip install --root-user-action ignore requests\n",
        "DL3013"
    ));
    // DL3016: "version not pinned with --registry=value form"; the value written apart
    // is the registry's, not a package.
    assert!(has(
        "FROM node:20\nRUN npm install --registry=https://r.example.com express\n",
        "DL3016"
    ));
    assert!(!has(
        "FROM node:20\nRUN npm install --registry https://r.example.com express@1\n",
        "DL3016"
    ));
    // DL3028: "does not warn when using extra flags": after `--` come build options.
    assert!(!has(
        "FROM ruby:3\nRUN gem install rails:7.0.0 -- --use-system-libraries\n",
        "DL3028"
    ));
    assert!(!has(
        "FROM ruby:3\nRUN gem install rails:7.0.0 -- --with-x=y\n",
        "DL3028"
    ));
    assert!(has(
        "FROM ruby:3\nRUN gem install rails -- --with-x=y\n",
        "DL3028"
    ));
}

#[test]
fn caches_in_tmpfs_mounts_do_not_ship() {
    // DL3036 and DL3060: "ok when mount type tmpfs is used".
    assert!(!has(
        "FROM opensuse/leap:15\nRUN --mount=type=tmpfs,target=/var/cache/zypp zypper install -y foo=1\n",
        "DL3036"
    ));
    assert!(!has(
        "FROM node:20\nRUN --mount=type=tmpfs,target=/usr/local/share/.cache/yarn yarn install\n",
        "DL3060"
    ));
    assert!(has(
        "FROM node:20\nRUN --mount=type=tmpfs,target=/wrong yarn install\n",
        "DL3060"
    ));
}

#[test]
fn dnf_cleanup_and_groups() {
    // DL3040: "no ok without dnf clean all": microdnf's clean does not clean dnf's cache.
    assert!(has(
        "FROM fedora:40\nRUN dnf install -y mariadb-10.4 && microdnf clean all\n",
        "DL3040"
    ));
    assert!(has(
        "FROM fedora:40\nONBUILD RUN dnf install -y mariadb-10.4 && microdnf clean all\n",
        "DL3040"
    ));
    assert!(!has(
        "FROM fedora:40\nRUN dnf install -y mariadb-10.4 && dnf clean all\n",
        "DL3040"
    ));
    // DL3041: "ok with dnf group install".
    assert!(!has(
        "FROM fedora:40\nRUN dnf group install -y \"Development Tools\" && dnf clean all\n",
        "DL3041"
    ));
}

#[test]
fn pip_cache_exported_in_the_same_run() {
    // DL3042: "respect ENV PIP_NO_CACHE_DIR with truthy values", also through `export`.
    assert!(!has(
        "FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=1 && pip install requests==2.0\n",
        "DL3042"
    ));
    assert!(!has(
        "FROM python:3.12\nENV PIP_NO_CACHE_DIR=yes\nRUN pip install requests==2.0\n",
        "DL3042"
    ));
    assert!(has(
        "FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=0 && pip install requests==2.0\n",
        "DL3042"
    ));
    assert!(has(
        "FROM python:3.12\nRUN pip install requests==2.0 && export PIP_NO_CACHE_DIR=1\n",
        "DL3042"
    ));
}

#[test]
fn whole_filesystem_copies_and_fragments() {
    // DL3067: copying another stage's root into a subdirectory keeps it apart.
    assert!(!has(
        "FROM debian:12 AS a\nFROM debian:12\nCOPY --from=a / /sub\n",
        "DL3067"
    ));
    assert!(has(
        "FROM debian:12 AS a\nFROM debian:12\nCOPY --from=a / /\n",
        "DL3067"
    ));
    // A fragment with no FROM is linted too (hadolint's specs are full of them).
    assert!(has("USER foobar\n", "DL3066"));
    assert!(has("USER foobar\n", "DL3061"));
}

#[test]
fn archives_copied_then_extracted() {
    // DL3010: "copy archive then extract", the archive named by the target too, and
    // Windows paths.
    assert!(has(
        "FROM debian:12\nCOPY archive.tar.gz /tmp\nRUN tar -xzf /tmp/archive.tar.gz\n",
        "DL3010"
    ));
    assert!(has(
        "FROM debian:12\nCOPY archive.tar.gz /tmp/a.tgz\nRUN tar -xzf /tmp/a.tgz -C /opt\n",
        "DL3010"
    ));
    assert!(has(
        "FROM debian:12\nWORKDIR /tmp\nCOPY archive.tar.gz .\nRUN tar -xzf archive.tar.gz\n",
        "DL3010"
    ));
    assert!(has(
        r"# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
COPY archive.tar C:\\tmp\\
RUN tar -xf C:\\tmp\\archive.tar
",
        "DL3010"
    ));
    // Another stage's archive, or one that is never extracted, is fine.
    assert!(!has(
        "FROM debian:12\nCOPY archive.tar.gz /tmp/\nFROM debian:12\nRUN tar -xzf /tmp/archive.tar.gz\n",
        "DL3010"
    ));
    assert!(!has(
        "FROM debian:12\nCOPY archive.tar.gz /srv/\n",
        "DL3010"
    ));
}

#[test]
fn rules_read_as_hadolint_2_15_reads_them() {
    // DL3046 reads the UID after `-u` only.
    assert!(has("FROM debian:12\nRUN useradd -u 123456 app\n", "DL3046"));
    assert!(!has(
        "FROM debian:12\nRUN useradd --uid 123456 app\n",
        "DL3046"
    ));
    // DL3032 takes any `yum clean`.
    assert!(!has(
        "FROM centos:7\nRUN yum install -y foo-1 && yum clean packages\n",
        "DL3032"
    ));
    assert!(has("FROM centos:7\nRUN yum install -y foo-1\n", "DL3032"));
    // DL3033 and DL3041: what follows the first `-` must look like a version.
    for (tool, code) in [("yum", "DL3033"), ("dnf", "DL3041")] {
        let run = |package: &str| {
            format!("FROM fedora:40\nRUN {tool} install -y {package} && {tool} clean all\n")
        };
        assert!(has(&run("foo-devel"), code), "{tool} foo-devel");
        assert!(has(&run("foo-1.*"), code), "{tool} glob");
        assert!(!has(&run("httpd-2.4.6"), code), "{tool} pinned");
        assert!(
            !has(&run("foo-1:2.0-1.el8"), code),
            "{tool} epoch and release"
        );
        assert!(
            !has(&run("/tmp/local.rpm"), code),
            "{tool} a local file (a listed difference)"
        );
    }
    // DL3059: the RUN after a heredoc RUN is not consecutive to it; the one before is.
    assert!(!has("FROM debian:12\nRUN <<EOF\na\nEOF\nRUN b\n", "DL3059"));
    assert!(has("FROM debian:12\nRUN b\nRUN <<EOF\na\nEOF\n", "DL3059"));
}

fn has_with(source: &str, config: &str, code: &str) -> bool {
    let settings = layerlint::config::parse(config).unwrap();
    layerlint::lint::lint_with(source, &settings)
        .diagnostics
        .iter()
        .any(|d| d.code == code)
}

fn count(source: &str, code: &str) -> usize {
    lint(source)
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .count()
}

#[test]
fn apt_lists_in_the_shipped_image() {
    // DL3009: "apt-get cleanup in stage image", "no warn ... intermediate stage when stage
    // not used later", and a cache mount on only one of the two apt folders.
    let install = "RUN apt-get update && apt-get install -y --no-install-recommends foo=1";
    assert!(has(&format!("FROM debian:12\n{install}\n"), "DL3009"));
    assert!(has(
        &format!("FROM debian:12 AS base\n{install}\nFROM base\nRUN true\n"),
        "DL3009"
    ));
    assert!(!has(
        &format!("FROM debian:12 AS build\n{install}\nFROM debian:12\nRUN true\n"),
        "DL3009"
    ));
    assert!(has(
        &format!(
            "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt {}\n",
            &install[4..]
        ),
        "DL3009"
    ));
    assert!(!has(
        &format!(
            "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists {}\n",
            &install[4..]
        ),
        "DL3009"
    ));
}

#[test]
fn labels_are_inherited_and_reported_once() {
    // DL3049: a label set in a stage the final one builds on counts; several final
    // stages are each checked.
    let config = "label-schema:\n  maintainer: text\n";
    assert!(!has_with(
        "FROM debian:12 AS base\nLABEL maintainer=x\nFROM base\nRUN true\n",
        config,
        "DL3049"
    ));
    assert!(has_with(
        "FROM debian:12 AS base\nFROM base\nLABEL other=y\n",
        config,
        "DL3049"
    ));
}

#[test]
fn yarn_cache_and_go_installs() {
    // DL3060: "not ok with no cache clean", "not ok with clean before install", "ok when
    // omitting yarn cache clean in stage that is not reused later".
    assert_eq!(count("FROM node:20\nRUN yarn install\n", "DL3060"), 1);
    assert_eq!(
        count(
            "FROM node:20\nRUN yarn cache clean && yarn install\n",
            "DL3060"
        ),
        1
    );
    assert_eq!(
        count(
            "FROM node:20\nRUN yarn install && yarn cache clean\n",
            "DL3060"
        ),
        0
    );
    assert_eq!(
        count(
            "FROM node:20 AS build\nRUN yarn install\nFROM node:20\nRUN true\n",
            "DL3060"
        ),
        0
    );
    assert_eq!(
        count(
            "FROM node:20\nRUN --mount=type=cache,target=/wrong yarn install\n",
            "DL3060"
        ),
        1
    );
    // DL3062: "go version pinned with arguments".
    assert!(!has(
        "FROM golang:1.22\nRUN go install -ldflags=\"-s -w\" example.com/tool@v1.2.3\n",
        "DL3062"
    ));
    assert!(has(
        "FROM golang:1.22\nRUN go install example.com/tool\n",
        "DL3062"
    ));
    // DL3033/DL3041: "ok with version as variable" (braced and not, and an ARG of an
    // earlier scope redeclared in the stage).
    for src in [
        "FROM fedora:40\nARG V=1.0\nRUN dnf install -y foo-${V} && dnf clean all\n",
        "FROM fedora:40\nARG V=1.0\nRUN dnf install -y foo-$V && dnf clean all\n",
        "ARG V=1.0\nFROM fedora:40\nARG V\nRUN dnf install -y foo-${V} && dnf clean all\n",
    ] {
        assert!(!has(src, "DL3041"), "{src}");
    }
}
