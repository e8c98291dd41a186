/**
 * The public testing entry (`errand/testing`): scripted models that drive the agent without a
 * network model. They implement the AI SDK's language-model interface like any provider.
 */
export {
  call,
  declareIntents,
  finish,
  isPlanning,
  type ModelView,
  PolicyModel,
  type ScriptedCall,
  ScriptedModel,
  type SeenResult,
  type Turn,
  viewOf,
} from './scripted.js';
