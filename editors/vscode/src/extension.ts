// Starts `layerlint lsp` for Dockerfiles. Everything else (diagnostics, quick fixes,
// hovers, code lenses, the outline) comes from the server.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const command = vscode.workspace.getConfiguration("layerlint").get<string>("path", "layerlint");
  const serverOptions: ServerOptions = {
    run: { command, args: ["lsp"], transport: TransportKind.stdio },
    debug: { command, args: ["lsp"], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "dockerfile" },
      { scheme: "untitled", language: "dockerfile" },
      { scheme: "file", pattern: "**/{Dockerfile,Containerfile}{,.*}" },
      { scheme: "file", pattern: "**/*.{Dockerfile,dockerfile}" },
    ],
    synchronize: {
      // Re-read when a config file or an ignore file changes.
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/{.layerlint.yaml,.layerlint.yml,.hadolint.yaml,.hadolint.yml,.dockerignore,*.dockerignore}",
      ),
    },
  };
  client = new LanguageClient("layerlint", "layerlint", serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
