import Foundation

extension RunConfigOverrides {
    /// The first key (in sorted order) of a config object whose value alone fails to
    /// decode, with that value as JSON text. Used when the decoder's error names no key,
    /// e.g. for `"num_z": 1.5` or a number beyond the range of its type.
    static func diagnoseBadKey(in dict: [String: Any]) -> (key: String, value: String)? {
        for key in dict.keys.sorted() {
            guard let value = dict[key],
                  let one = try? JSONSerialization.data(withJSONObject: [key: value], options: [.fragmentsAllowed]) else { continue }
            if (try? JSONDecoder().decode(RunConfigOverrides.self, from: one)) == nil {
                let text = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]))
                    .map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
                return (key, text.count > 60 ? String(text.prefix(60)) + "…" : text)
            }
        }
        return nil
    }
}
