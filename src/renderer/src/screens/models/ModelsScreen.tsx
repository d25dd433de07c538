// The model catalog: what each model accepts, its context, batch and list prices (with the date they were
// checked), and whether its provider's key is set.
import { useEffect } from 'react';
import { EmptyState, ErrorNote, SimulatedBadge, TableWrap } from '../../components/bits.tsx';
import { contextSize, tokensPerMillion } from '../../format.ts';
import { hrefOf } from '../../state/route.ts';
import { batchPrice, groupByProvider } from '../new-run/ModelPicker.tsx';
import { LifecycleBadge } from '../new-run/LifecycleBadge.tsx';
import { useModels } from '../new-run/models-store.ts';

export function ModelsScreen() {
  const { models, loaded, error, refresh } = useModels();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <div className="screen">
      <h1 tabIndex={-1}>Models</h1>
      <ErrorNote lines={error} title="The models could not be loaded" />
      {loaded && models.length === 0 && !error ? (
        <EmptyState title="No models available">
          <p>
            Batchdesk lists the models of every provider it knows. If this list is empty, the engine could not
            load its catalog; restart Batchdesk.
          </p>
        </EmptyState>
      ) : null}
      {groupByProvider(models).map(([provider, list]) => (
        <section key={provider} aria-labelledby={`models-${provider}`}>
          <h2 id={`models-${provider}`}>{provider}</h2>
          <TableWrap label={`${provider} models`}>
            <table className="table">
              <caption className="visually-hidden">{provider} models</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Batch price</th>
                  <th scope="col">List price</th>
                  <th scope="col">Context</th>
                  <th scope="col">Inputs</th>
                  <th scope="col">Capabilities</th>
                  <th scope="col">Key</th>
                </tr>
              </thead>
              <tbody>
                {list.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      {m.id} <SimulatedBadge simulated={m.simulated} /> <LifecycleBadge model={m} />
                    </th>
                    <td>{batchPrice(m)}</td>
                    <td>
                      {m.price
                        ? `${tokensPerMillion(m.price.input_usd_per_mtok)} in · ${tokensPerMillion(m.price.output_usd_per_mtok)} out`
                        : 'unknown: add a price override in Settings'}
                      {m.price ? <div className="hint">as of {m.price.as_of}</div> : null}
                    </td>
                    <td>{contextSize(m.context_tokens)}</td>
                    <td>{m.inputs.join(', ')}</td>
                    <td>
                      {[
                        m.structured_output ? 'structured output' : null,
                        m.citations ? 'citations' : null,
                        ...m.endpoints,
                      ]
                        .filter(Boolean)
                        .join(', ')}
                    </td>
                    <td>
                      {m.provider === 'demo' ? (
                        'not needed'
                      ) : m.key_set ? (
                        'set'
                      ) : (
                        <a href={hrefOf({ name: 'settings' })}>not set</a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
    </div>
  );
}
