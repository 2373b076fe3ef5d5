import type { ChildProcess } from 'node:child_process';

export interface HaproxyOptions {
  host?: string;
  port: number;
  /** "host:port" of each server process. */
  backends: string[];
  checkMs?: number;
}

export interface Haproxy {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function findHaproxy(): string | undefined;
export function haproxyConfig(options: HaproxyOptions): string;
export function startHaproxy(options: HaproxyOptions): Promise<Haproxy>;
