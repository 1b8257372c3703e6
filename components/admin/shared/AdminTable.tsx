import type { ReactNode } from 'react'

/** The console's scrolling table: a header row of column names (and a hidden "Actions" one), then the rows. */
export function AdminTable(props: { columns: string[]; actions?: boolean; labelledBy?: string; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="admin-table" aria-labelledby={props.labelledBy}>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {props.actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  )
}

/** A small button in a row; `label` names the row too ("Revoke Front door"), for screen readers and tests. */
export function RowButton(props: { label: string; danger?: boolean; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className={props.danger ? 'secondary small danger-text' : 'secondary small'}
      aria-label={props.label}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  )
}
