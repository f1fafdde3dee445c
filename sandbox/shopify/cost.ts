import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

// Shopify's calculated query cost (shopify.dev/docs/api/usage/limits#cost-calculation):
// a scalar or enum costs 0, an object 1, a connection 2 plus its page size (first/last)
// times the cost of one node, a mutation 10. The cost is known before the query runs
// (requestedQueryCost); the sandbox charges it as the actual cost too, where Shopify
// refunds what smaller pages did not use.

export const MUTATION_COST = 10;

type Ctx = { schema: GraphQLSchema; fragments: Map<string, FragmentDefinitionNode>; variables: Record<string, unknown> };

export function requestedCost(schema: GraphQLSchema, doc: DocumentNode, op: OperationDefinitionNode, variables: Record<string, unknown>): number {
  const fragments = new Map(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  if (op.operation === "mutation") return op.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && !s.name.value.startsWith("__")).length * MUTATION_COST;
  const root = schema.getQueryType();
  return root ? selectionCost({ schema, fragments, variables }, root, op.selectionSet) : 0;
}

function selectionCost(ctx: Ctx, parent: GraphQLCompositeType, set: SelectionSetNode): number {
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) cost += fieldCost(ctx, parent, sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) cost += selectionCost(ctx, typeNamed(ctx, sel.typeCondition?.name.value) ?? parent, sel.selectionSet);
    else {
      const frag = ctx.fragments.get(sel.name.value);
      if (frag) cost += selectionCost(ctx, typeNamed(ctx, frag.typeCondition.name.value) ?? parent, frag.selectionSet);
    }
  }
  return cost;
}

function typeNamed(ctx: Ctx, name: string | undefined): GraphQLCompositeType | null {
  const t = name ? ctx.schema.getType(name) : undefined;
  return t && isCompositeType(t) ? t : null;
}

function fieldCost(ctx: Ctx, parent: GraphQLCompositeType, field: FieldNode): number {
  if (field.name.value.startsWith("__") || !(isObjectType(parent) || isInterfaceType(parent))) return 0;
  const def = parent.getFields()[field.name.value];
  if (!def || !field.selectionSet) return 0;
  const type = getNamedType(def.type);
  if (!isCompositeType(type)) return 0;
  // A connection's pageInfo comes with the page: it costs nothing of its own.
  if (parent.name.endsWith("Connection") && field.name.value === "pageInfo") return 0;
  const inner = selectionCost(ctx, type, field.selectionSet);
  // Inside a connection, edges and nodes are the page's items: the connection counts them.
  if (parent.name.endsWith("Connection") && (field.name.value === "edges" || field.name.value === "nodes")) return field.name.value === "nodes" ? 1 + inner : inner;
  if (parent.name.endsWith("Edge") && field.name.value === "node") return 1 + inner;
  if (type.name.endsWith("Connection")) return 2 + pageSize(ctx, field) * inner;
  // A plain list sized by an argument (nodes(ids:), refunds(first:)) costs one object per item
  // it may hold: counting it whole keeps the sandbox at or above Shopify's own figure.
  const ids = arg(ctx, field, "ids");
  if (Array.isArray(ids)) return ids.length * (1 + inner);
  const first = arg(ctx, field, "first");
  if (isListType(getNullableType(def.type)) && typeof first === "number" && first > 0) return first * (1 + inner);
  return 1 + inner;
}

function pageSize(ctx: Ctx, field: FieldNode): number {
  const n = Math.max(Number(arg(ctx, field, "first") ?? 0), Number(arg(ctx, field, "last") ?? 0));
  return Number.isFinite(n) && n > 0 ? n : 1;
}

function arg(ctx: Ctx, field: FieldNode, name: string): unknown {
  const a = field.arguments?.find((x) => x.name.value === name);
  return a ? valueFromASTUntyped(a.value, ctx.variables) : undefined;
}

export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

/** Shopify's leaky bucket, one per app and shop: restores `restoreRate` points a second up to the maximum. */
export class CostBucket {
  private available: number;
  private at: number;

  constructor(
    private readonly max: number,
    private readonly rate: number,
    now: number,
  ) {
    this.available = max;
    this.at = now;
  }

  status(now: number): ThrottleStatus {
    this.available = Math.min(this.max, this.available + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    return { maximumAvailable: this.max, currentlyAvailable: Math.floor(this.available), restoreRate: this.rate };
  }

  /** Spends `cost` if the bucket holds it; false (nothing spent) if not. */
  take(cost: number, now: number): boolean {
    this.status(now);
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }
}
