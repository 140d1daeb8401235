"""The article drawer's publishing fields, under the title: the external link (外鏈) the article
opens instead of its body, the publish scenes (發佈場景) it appears in, and, for a new article,
whether it goes online as soon as its work order is approved. A view without decisions: the
form reads and fills them; the editor controller judges them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from services.contract.help_center import ALL_SCENES
from services.rules.help_center import EXTERNAL_LINK_MAX
from ui.help_center import labels

translate = QCoreApplication.translate  # the name lupdate recognises


def _note(body: QWidget) -> QLabel:
    note = QLabel(body)
    note.setObjectName("fieldNote")
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    return note


class PublishingFields:
    """Builds its rows into ``grid`` from ``row`` on (three rows) and keeps the widgets."""

    def __init__(self, body: QWidget, grid: QGridLayout, row: int):
        self.link = QLineEdit(body)
        self.link.setObjectName("articleExternalLink")
        self.link.setClearButtonEnabled(True)
        self.link.setMaxLength(EXTERNAL_LINK_MAX + 100)  # longer than the rule, so the rule says why
        self.scenes = {scene.value: QCheckBox(body) for scene in ALL_SCENES}
        for scene, box in self.scenes.items():
            box.setObjectName(f"articleScene_{scene}")
        self.visible = QCheckBox(body)
        self.visible.setObjectName("articleVisibleOnApproval")
        self.link_label, self.scenes_label = QLabel(body), QLabel(body)
        self.link_label.setBuddy(self.link)
        self.notes = {"external_link": _note(body), "publish_scenes": _note(body)}

        grid.addWidget(self.link_label, row, 0)
        grid.addWidget(self.link, row, 1, 1, 3)
        grid.addWidget(self.notes["external_link"], row + 1, 1, 1, 3)
        grid.addWidget(self.scenes_label, row + 2, 0)
        boxes = QHBoxLayout()
        grid.addLayout(boxes, row + 2, 1, 1, 3)
        for box in self.scenes.values():
            boxes.addWidget(box)
        boxes.addSpacing(24)
        boxes.addWidget(self.visible)
        boxes.addStretch(1)
        grid.addWidget(self.notes["publish_scenes"], row + 3, 1, 1, 3)

    def widgets(self) -> list[QWidget]:
        return [self.link, *self.scenes.values(), self.visible]

    def values(self) -> dict:
        return {"external_link": self.link.text(),
                "publish_scenes": [scene for scene, box in self.scenes.items() if box.isChecked()],
                "visible": self.visible.isChecked()}

    def fill(self, link: str | None, scenes: list[str], visible: bool, new: bool) -> None:
        self.link.setText(link or "")
        for scene, box in self.scenes.items():
            box.setChecked(scene in scenes)
        self.visible.setChecked(visible)
        self.visible.setVisible(new)  # an existing article is shown or hidden by its own orders

    def retranslate(self) -> None:
        self.link_label.setText(translate("ArticleDrawer", "External Link"))
        self.link.setPlaceholderText(translate("ArticleDrawer", "https://… (optional): the article opens this "
                                                                "page instead of its body"))
        self.scenes_label.setText(translate("ArticleDrawer", "Publish Scenes"))
        for scene, box in self.scenes.items():
            box.setText(labels.scene_text(scene))
        self.visible.setText(translate("ArticleDrawer", "Show once approved"))
        self.visible.setToolTip(translate("ArticleDrawer", "Goes online with the approval of this one work order; "
                                                           "otherwise it is created hidden"))
