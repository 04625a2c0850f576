"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorMessage } from "@/components/ui/field";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { type SettingField, type SettingGroup, settingGroups } from "./setting-groups";
import { type SettingsView, settingsQuery, useUpdateSettings } from "./settings-queries";

/** A field's value as its control holds it: switches hold booleans, everything else text. */
type Draft = Record<string, string | boolean>;

export function ChatSettings({ appKey, canEdit }: { appKey: string; canEdit: boolean }) {
  const view = useQuery(settingsQuery(appKey));
  return (
    <>
      <PageHeader
        title="Chat settings"
        description={canEdit ? "Changes are in force on every node within seconds and recorded in the audit log." : "You can look; an admin or owner can change them."}
      />
      {view.isPending && (
        <Card>
          <SkeletonRows label="Loading the settings" rows={8} />
        </Card>
      )}
      {view.isError && <ErrorMessage>{view.error.message}</ErrorMessage>}
      {view.data && (
        <div className="space-y-6">
          {settingGroups.map((group) => (
            // Keyed by the saved values: a save (or another operator's change) starts the card afresh.
            <SettingsCard key={`${group.id}:${JSON.stringify([draftOf(group, view.data), view.data.secretsSet])}`} appKey={appKey} group={group} view={view.data} canEdit={canEdit} />
          ))}
        </div>
      )}
    </>
  );
}

function draftOf(group: SettingGroup, view: SettingsView): Draft {
  return Object.fromEntries(group.fields.map((field) => [field.name, controlValue(field, view.settings[field.name])]));
}

function controlValue(field: SettingField, value: unknown): string | boolean {
  if (field.kind === "boolean") return value === true;
  if (field.kind === "json") return JSON.stringify(value);
  return String(value ?? "");
}

/** The typed value of a control; text that is not JSON is refused here, with the field's name and an example. */
function settingValue(field: SettingField, value: string | boolean): unknown {
  if (field.kind === "number") return Number(value);
  if (field.kind !== "json") return value;
  try {
    return JSON.parse(String(value));
  } catch {
    throw new Error(`${field.label} must be JSON, e.g. ${field.example}`);
  }
}

function SettingsCard({ appKey, group, view, canEdit }: { appKey: string; group: SettingGroup; view: SettingsView; canEdit: boolean }) {
  const saved = draftOf(group, view);
  const [draft, setDraft] = useState<Draft>(saved);
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateSettings(appKey);
  const toast = useToast();
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  // A secret counts as changed once something is pasted (or it is removed); blank means "keep".
  const changed = group.fields.filter((field) => (field.kind === "secret" ? draft[field.name] !== "" || removed.has(field.name) : draft[field.name] !== saved[field.name]));

  const save = () => {
    setError(null);
    let changes: Record<string, unknown>;
    try {
      changes = Object.fromEntries(changed.map((field) => [field.name, settingValue(field, draft[field.name]!)]));
    } catch (failure) {
      return setError((failure as Error).message);
    }
    update.mutate(changes, {
      onSuccess: () => toast.success(`${group.title} saved`),
      onError: (failure) => {
        setError(failure.message);
        toast.error(`${group.title} not saved: ${failure.message}`);
      },
    });
  };

  return (
    <Card>
      <CardHeader title={group.title} description={group.description} />
      <form
        aria-label={group.title}
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div className="divide-y divide-slate-100">
          {group.fields.map((field) => (
            <SettingRow
              key={field.name}
              field={field}
              value={draft[field.name]!}
              defaultValue={controlValue(field, view.defaults[field.name])}
              secretSet={view.secretsSet[field.name] === true && !removed.has(field.name)}
              disabled={!canEdit}
              onChange={(value) => setDraft((current) => ({ ...current, [field.name]: value }))}
              onRemoveSecret={() => setRemoved((current) => new Set(current).add(field.name))}
            />
          ))}
        </div>
        {canEdit && (
          <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 px-6 py-4">
            {error && (
              <div className="mr-auto">
                <ErrorMessage>{error}</ErrorMessage>
              </div>
            )}
            <Button
              variant="secondary"
              disabled={changed.length === 0 || update.isPending}
              onClick={() => {
                setDraft(saved);
                setRemoved(new Set());
                setError(null);
              }}
            >
              Discard
            </Button>
            <Button type="submit" pending={update.isPending} disabled={changed.length === 0}>
              Save {group.title.toLowerCase()}
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}

type RowProps = {
  field: SettingField;
  value: string | boolean;
  defaultValue: string | boolean;
  secretSet: boolean;
  disabled: boolean;
  onChange: (value: string | boolean) => void;
  onRemoveSecret: () => void;
};

function SettingRow({ field, value, defaultValue, secretSet, disabled, onChange, onRemoveSecret }: RowProps) {
  const id = `setting-${field.name}`;
  const atDefault = value === defaultValue;
  return (
    <div className="grid gap-3 px-6 py-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)] md:gap-8">
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-900">
          {field.label}
        </label>
        <p className="mt-0.5 text-xs text-slate-500">{field.help}</p>
        {field.kind !== "secret" && !atDefault && !disabled && (
          <button type="button" onClick={() => onChange(defaultValue)} className="mt-1 text-xs font-medium text-indigo-600 hover:text-indigo-500">
            Reset to default ({field.kind === "boolean" ? (defaultValue ? "on" : "off") : String(defaultValue) || "empty"})
          </button>
        )}
      </div>
      <div className="flex items-start">
        <SettingControl id={id} field={field} value={value} secretSet={secretSet} disabled={disabled} onChange={onChange} onRemoveSecret={onRemoveSecret} />
      </div>
    </div>
  );
}

const inputClass =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500";

function SettingControl({ id, field, value, secretSet, disabled, onChange, onRemoveSecret }: Omit<RowProps, "defaultValue"> & { id: string }) {
  switch (field.kind) {
    case "boolean":
      return (
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={value === true}
          disabled={disabled}
          onChange={(event) => onChange(event.target.checked)}
          className="size-5 rounded border-slate-300 text-indigo-600 accent-indigo-600 focus:ring-indigo-600"
        />
      );
    case "number":
      return <input id={id} type="number" min={field.min} max={field.max} value={String(value)} disabled={disabled} onChange={(event) => onChange(event.target.value)} className={`${inputClass} max-w-40`} />;
    case "select":
      return (
        <select id={id} value={String(value)} disabled={disabled} onChange={(event) => onChange(event.target.value)} className={inputClass}>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    case "json":
      return <textarea id={id} rows={2} value={String(value)} disabled={disabled} onChange={(event) => onChange(event.target.value)} className={`${inputClass} font-mono text-xs`} />;
    case "secret":
      return (
        <div className="w-full space-y-2">
          <div className="flex items-center gap-2">
            <Badge tone={secretSet ? "green" : "gray"}>{secretSet ? "Set" : "Not set"}</Badge>
            {secretSet && !disabled && (
              <Button size="sm" variant="ghost" onClick={onRemoveSecret}>
                Remove
              </Button>
            )}
          </div>
          {!disabled && (
            <textarea
              id={id}
              rows={3}
              value={String(value)}
              placeholder={secretSet ? "Paste a new key to replace the stored one" : "Paste the key"}
              onChange={(event) => onChange(event.target.value)}
              className={`${inputClass} font-mono text-xs`}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </div>
      );
    default:
      return <input id={id} type="text" value={String(value)} placeholder={field.placeholder} disabled={disabled} onChange={(event) => onChange(event.target.value)} className={inputClass} />;
  }
}
