/**
 * Turns a node descriptor from the pure view modules (`nodes.ts`, `pods/podNodes.ts`) into a leaf
 * TreeItem, so every tree shows names and descriptions from the account the same, safe way.
 */
import * as vscode from 'vscode';

/** What every described leaf node carries. */
export interface DescribedNode {
  id: string;
  label: string;
  description?: string;
  tooltip: string;
  contextValue: string;
}

/** A codicon id and an optional theme colour id for it. */
export interface NodeIcon {
  id: string;
  color?: string;
}

/** A leaf TreeItem from a descriptor; subclasses add what their commands read (a name, an id). */
export class DescribedTreeItem extends vscode.TreeItem {
  constructor(node: DescribedNode, icon: NodeIcon) {
    super(node.label, vscode.TreeItemCollapsibleState.None);
    this.id = node.id;
    if (node.description) this.description = node.description;
    this.tooltip = untrustedMarkdown(node.tooltip);
    this.contextValue = node.contextValue;
    this.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
  }
}

/** Tooltips hold account data (names, descriptions, images): no HTML, no command links. */
function untrustedMarkdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
