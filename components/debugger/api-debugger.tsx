"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorMessage } from "@/components/ui/field";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { DebuggerEndpoint, DebuggerExchange, JsonSchema } from "@/lib/contract";
import { endpointsQuery, useSendRequest } from "./debugger-queries";
import { searchEndpoints } from "./endpoint-search";

type SignatureVersion = 1 | 2;
type DebuggerRequest = { path: string; body: Record<string, unknown>; signatureVersion?: SignatureVersion };
type HistoryEntry = DebuggerRequest & { status: number; at: string };
const historyLimit = 50;
const historyKey = (appKey: string) => `switchboard.debugger.${appKey}`;

/**
 * Any Platform API endpoint, with a form from its declaration; the server signs and sends
 * the request. History stays in this browser (per app), since it holds request bodies.
 */
export function ApiDebugger({ appKey, canSend }: { appKey: string; canSend: boolean }) {
  const endpoints = useQuery(endpointsQuery(appKey));
  const search = useSearchParams();
  const [path, setPath] = useState(search.get("path") ?? "/v4/auth/access-token/issue");
  const [body, setBody] = useState<Record<string, unknown>>(() => parseObject(search.get("body")) ?? {});
  const [signatureVersion, setSignatureVersion] = useState<SignatureVersion>(1);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const send = useSendRequest(appKey);
  useEffect(() => setHistory(parseHistory(localStorage.getItem(historyKey(appKey)))), [appKey]);
  const endpoint = endpoints.data?.find((candidate) => candidate.path === path);

  const run = (request: DebuggerRequest) =>
    send.mutate(request, {
      onSuccess: (sent) => {
        const next = [{ ...request, status: sent.response.status, at: new Date().toISOString() }, ...history].slice(0, historyLimit);
        setHistory(next);
        localStorage.setItem(historyKey(appKey), JSON.stringify(next));
      },
    });

  return (
    <>
      <PageHeader title="API debugger" description="Pick an endpoint, fill its fields, and send: the server signs the request with this app's secret and calls the real Platform API." />
      {endpoints.isPending && <SkeletonRows label="Loading the endpoints" />}
      {endpoints.isError && <ErrorMessage>{endpoints.error.message}</ErrorMessage>}
      {endpoints.data && (
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <Card>
            <CardHeader title="Request" />
            <div className="space-y-4 px-6 py-5">
              <EndpointPicker
                endpoints={endpoints.data}
                path={path}
                onPick={(picked) => {
                  setPath(picked);
                  setBody({});
                }}
              />
              {endpoint && <RequestForm endpoint={endpoint} body={body} onChange={setBody} />}
              <SignaturePicker version={signatureVersion} onPick={setSignatureVersion} />
              {canSend ? (
                <Button pending={send.isPending} disabled={!endpoint} onClick={() => run({ path, body, signatureVersion })}>
                  Send request
                </Button>
              ) : (
                <p className="text-sm text-slate-500">Only admins and owners can send requests.</p>
              )}
              {send.error && <ErrorMessage>{send.error.message}</ErrorMessage>}
            </div>
          </Card>
          <div className="space-y-6">
            {send.data ? <Exchange sent={send.data} /> : <Card><p className="px-6 py-10 text-center text-sm text-slate-500">The request and the answer appear here.</p></Card>}
            <History
              entries={history}
              canSend={canSend}
              onReplay={(entry) => {
                setPath(entry.path);
                setBody(entry.body);
                setSignatureVersion(entry.signatureVersion ?? 1);
                run(entry);
              }}
            />
          </div>
        </div>
      )}
    </>
  );
}

function parseObject(text: string | null): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text ?? "") as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function parseHistory(text: string | null): HistoryEntry[] {
  try {
    const entries = JSON.parse(text ?? "") as unknown;
    return Array.isArray(entries) ? (entries as HistoryEntry[]) : [];
  } catch {
    return [];
  }
}

/**
 * The endpoint picker: a search over path, summary, tag and operation id, with the results
 * grouped by the contract's tags; arrow keys move through the results, Enter picks.
 */
function EndpointPicker({ endpoints, path, onPick }: { endpoints: DebuggerEndpoint[]; path: string; onPick: (path: string) => void }) {
  const [query, setQuery] = useState("");
  const groups = useMemo(() => searchEndpoints(endpoints, query), [endpoints, query]);
  const found = useMemo(() => groups.flatMap((group) => group.endpoints), [groups]);
  const [active, setActive] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const highlighted = active !== null && found.some((endpoint) => endpoint.path === active) ? active : path;
  const optionId = (candidate: string) => `endpoint-${candidate.replace(/[^A-Za-z0-9]/g, "_")}`;
  useEffect(() => {
    listRef.current?.querySelector(`#${CSS.escape(optionId(highlighted))}`)?.scrollIntoView({ block: "nearest" });
  }, [highlighted]);
  const move = (step: number) => {
    if (found.length === 0) return;
    const index = found.findIndex((endpoint) => endpoint.path === highlighted);
    const next = index === -1 ? (step > 0 ? 0 : found.length - 1) : (index + step + found.length) % found.length;
    setActive(found[next]!.path);
  };
  const chosen = endpoints.find((endpoint) => endpoint.path === path);
  return (
    <div className="space-y-2">
      <label className="block text-sm font-medium text-slate-700">
        Search endpoints
        <input
          type="search"
          role="combobox"
          aria-expanded="true"
          aria-controls="endpoint-list"
          aria-activedescendant={found.some((endpoint) => endpoint.path === highlighted) ? optionId(highlighted) : undefined}
          value={query}
          placeholder={`${endpoints.length} endpoints: a path, a word of a summary, a tag`}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(null);
          }}
          onKeyDown={(event) => {
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              event.preventDefault();
              move(event.key === "ArrowDown" ? 1 : -1);
            } else if (event.key === "Enter" && highlighted && found.some((endpoint) => endpoint.path === highlighted)) {
              event.preventDefault();
              onPick(highlighted);
            }
          }}
          className={inputClass}
        />
      </label>
      <div ref={listRef} id="endpoint-list" role="listbox" aria-label="Endpoints" className="max-h-72 overflow-y-auto rounded-lg ring-1 ring-slate-200">
        {groups.length === 0 && <p className="px-3 py-4 text-center text-sm text-slate-500">No endpoint matches “{query}”.</p>}
        {groups.map((group) => (
          <div key={group.tag} role="group" aria-labelledby={`endpoint-tag-${group.tag}`}>
            <div id={`endpoint-tag-${group.tag}`} className="sticky top-0 bg-slate-50 px-3 py-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {group.tag} <span className="font-normal normal-case">({group.endpoints.length})</span>
            </div>
            {group.endpoints.map((endpoint) => (
              <div
                key={endpoint.path}
                id={optionId(endpoint.path)}
                role="option"
                aria-label={endpoint.path}
                aria-describedby={`${optionId(endpoint.path)}-summary`}
                aria-selected={endpoint.path === path}
                onClick={() => onPick(endpoint.path)}
                onMouseEnter={() => setActive(endpoint.path)}
                className={`cursor-pointer px-3 py-1.5 ${endpoint.path === path ? "bg-indigo-50" : endpoint.path === highlighted ? "bg-slate-100" : ""}`}
              >
                <span className="block font-mono text-xs text-slate-900">{endpoint.path}</span>
                <span id={`${optionId(endpoint.path)}-summary`} className="block truncate text-xs text-slate-500">
                  {endpoint.summary}
                </span>
              </div>
            ))}
          </div>
        ))}
      </div>
      {chosen && <EndpointDetails endpoint={chosen} />}
    </div>
  );
}

/** What the chosen endpoint does and how often an app may call it. */
function EndpointDetails({ endpoint }: { endpoint: DebuggerEndpoint }) {
  return (
    <section aria-label="Chosen endpoint" className="space-y-1.5 rounded-lg bg-slate-50 px-3 py-2.5 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-slate-900">POST {endpoint.path}</span>
        <Badge>{endpoint.tag}</Badge>
        {endpoint.extension && <Badge tone="amber">Switchboard extension</Badge>}
        {endpoint.api === "compatibility" && <Badge>form body</Badge>}
      </div>
      <p className="text-slate-700">{endpoint.summary}</p>
      <p className="text-xs text-slate-500">
        Rate limit: <span className="font-medium text-slate-700">{endpoint.rateLimit}</span> · operation <span className="font-mono">{endpoint.operationId}</span>
      </p>
    </section>
  );
}

function SignaturePicker({ version, onPick }: { version: SignatureVersion; onPick: (version: SignatureVersion) => void }) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      Signature
      <select value={version} onChange={(event) => onPick(Number(event.target.value) as SignatureVersion)} className="mt-1.5 block w-full rounded-lg px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset">
        <option value={1}>Version 1: SHA1 of secret, nonce and timestamp</option>
        <option value={2}>Version 2: HMAC-SHA256 over the request and its body</option>
      </select>
    </label>
  );
}

const inputClass = "mt-1 block w-full rounded-lg px-3 py-1.5 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none";

/** A field per property of the request's schema; anything beyond text, numbers, switches, choices and lists of text is edited as JSON. */
function RequestForm({ endpoint, body, onChange }: { endpoint: DebuggerEndpoint; body: Record<string, unknown>; onChange: (body: Record<string, unknown>) => void }) {
  const [asJson, setAsJson] = useState(false);
  const [jsonText, setJsonText] = useState("");
  const [jsonError, setJsonError] = useState<string | null>(null);
  const properties = Object.entries(endpoint.schema.properties ?? {});
  const required = new Set(endpoint.schema.required ?? []);
  const set = (name: string, value: unknown) => {
    const next = { ...body };
    if (value === undefined || value === "") delete next[name];
    else next[name] = value;
    onChange(next);
  };
  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-xs text-slate-500">
        <input
          type="checkbox"
          checked={asJson}
          onChange={(event) => {
            setAsJson(event.target.checked);
            setJsonText(JSON.stringify(body, null, 2));
            setJsonError(null);
          }}
          className="accent-indigo-600"
        />
        Edit the body as JSON
      </label>
      {asJson ? (
        <>
          <textarea
            aria-label="Body as JSON"
            rows={10}
            value={jsonText}
            onChange={(event) => {
              setJsonText(event.target.value);
              const parsed = parseObject(event.target.value);
              setJsonError(parsed ? null : "Not a JSON object yet");
              if (parsed) onChange(parsed);
            }}
            className={`${inputClass} font-mono text-xs`}
          />
          {jsonError && <p className="text-xs text-amber-700">{jsonError}</p>}
        </>
      ) : (
        properties.map(([name, schema]) => <FieldControl key={name} name={name} schema={schema} required={required.has(name)} value={body[name]} onChange={(value) => set(name, value)} />)
      )}
    </div>
  );
}

function FieldControl({ name, schema, required, value, onChange }: { name: string; schema: JsonSchema; required: boolean; value: unknown; onChange: (value: unknown) => void }) {
  const type = Array.isArray(schema.type) ? schema.type.find((candidate) => candidate !== "null") : schema.type;
  const label = (
    <span className="font-mono text-xs text-slate-700">
      {name}
      {required && <span className="text-red-600"> *</span>} <span className="text-slate-400">{schema.enum ? "choice" : type === "array" ? `list of ${schema.items?.type ?? "values"}` : type}</span>
    </span>
  );
  if (schema.enum) {
    return (
      <label className="block">
        {label}
        <select value={value === undefined ? "" : String(value)} onChange={(event) => onChange(event.target.value === "" ? undefined : schema.enum!.find((option) => String(option) === event.target.value))} className={inputClass}>
          <option value="">(not set)</option>
          {schema.enum.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      </label>
    );
  }
  if (type === "boolean") {
    return (
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked ? true : undefined)} className="accent-indigo-600" />
        {label}
      </label>
    );
  }
  if (type === "number" || type === "integer") {
    return (
      <label className="block">
        {label}
        <input type="number" value={value === undefined ? "" : String(value)} onChange={(event) => onChange(event.target.value === "" ? undefined : Number(event.target.value))} className={inputClass} />
      </label>
    );
  }
  if (type === "array" && schema.items?.type === "string") {
    return (
      <label className="block">
        {label}
        <input
          value={Array.isArray(value) ? value.join(", ") : ""}
          placeholder="comma-separated"
          onChange={(event) => onChange(event.target.value.trim() === "" ? undefined : event.target.value.split(",").map((item) => item.trim()).filter(Boolean))}
          className={inputClass}
        />
      </label>
    );
  }
  if (type === "string") {
    return (
      <label className="block">
        {label}
        <input value={typeof value === "string" ? value : ""} onChange={(event) => onChange(event.target.value)} className={inputClass} />
      </label>
    );
  }
  return <JsonField label={label} value={value} onChange={onChange} />;
}

function JsonField({ label, value, onChange }: { label: ReactNode; value: unknown; onChange: (value: unknown) => void }) {
  const [text, setText] = useState(value === undefined ? "" : JSON.stringify(value));
  return (
    <label className="block">
      {label}
      <textarea
        rows={2}
        value={text}
        placeholder="JSON"
        onChange={(event) => {
          setText(event.target.value);
          try {
            onChange(event.target.value.trim() === "" ? undefined : JSON.parse(event.target.value));
          } catch {
            // Kept as typed until it is JSON.
          }
        }}
        className={`${inputClass} font-mono text-xs`}
      />
    </label>
  );
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function Exchange({ sent }: { sent: DebuggerExchange }) {
  const ok = sent.response.status >= 200 && sent.response.status < 300;
  return (
    <Card>
      <CardHeader
        title="Exchange"
        action={
          <span className="flex items-center gap-2 text-sm">
            <Badge tone={ok ? "green" : "amber"}>HTTP {sent.response.status}</Badge>
            <span data-testid="duration" className="text-slate-500">
              {sent.durationMs} ms
            </span>
          </span>
        }
      />
      <div className="space-y-4 px-6 py-5 text-sm">
        <section aria-label="Sent request">
          <h3 className="font-medium text-slate-900">
            {sent.request.method} <span className="font-mono text-xs">{sent.request.url}</span>
          </h3>
          <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 font-mono text-xs">
            {Object.entries(sent.request.headers).map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-slate-500">{name}</dt>
                <dd className="truncate text-slate-800">{value}</dd>
              </div>
            ))}
          </dl>
          <pre className="mt-2 max-h-40 overflow-auto rounded-lg bg-slate-50 p-3 text-xs">{pretty(sent.request.body)}</pre>
        </section>
        <section aria-label="curl">
          <div className="flex items-center justify-between">
            <h3 className="font-medium text-slate-900">curl</h3>
            <CopyButton value={sent.curl} name="Copy curl command" />
          </div>
          <pre data-testid="curl" className="mt-2 max-h-40 overflow-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
            {sent.curl}
          </pre>
        </section>
        <section aria-label="Response">
          <h3 className="font-medium text-slate-900">Response</h3>
          <pre data-testid="response-body" className="mt-2 max-h-72 overflow-auto rounded-lg bg-slate-50 p-3 text-xs">
            {pretty(sent.response.body)}
          </pre>
        </section>
      </div>
    </Card>
  );
}

function History({ entries, canSend, onReplay }: { entries: HistoryEntry[]; canSend: boolean; onReplay: (entry: HistoryEntry) => void }) {
  return (
    <Card>
      <CardHeader title="History" description="Kept in this browser, for this app; the last 50." />
      {entries.length === 0 ? (
        <p className="px-6 py-5 text-sm text-slate-500">Requests you send appear here; replay any of them.</p>
      ) : (
        <ul aria-label="History" className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <li key={entry.at} className="flex items-center gap-3 px-6 py-2.5 text-sm">
              <Badge tone={entry.status < 300 ? "green" : "amber"}>{entry.status}</Badge>
              <span className="truncate font-mono text-xs text-slate-800">{entry.path}</span>
              {canSend && (
                <Button size="sm" variant="ghost" className="ml-auto" onClick={() => onReplay(entry)}>
                  Replay
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
